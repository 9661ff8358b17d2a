#include "gis/store/roadworks_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gis/store/connection_pool.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::RoadWork;

// Columns read by RoadWorkFromRow, in order; the geometry comes last.
constexpr char kColumns[] = R"sql(
  r.id, r.permit_number, r.title, r.description,
  array_to_string(r.road_names, E'\x1f'),
  coalesce(r.district_code, ''), coalesce(d.name_zh, ''),
  coalesce(d.name_en, ''),
  (extract(epoch FROM lower(r.period)) * 1000000)::int8,
  CASE WHEN upper_inf(r.period) THEN NULL
       ELSE (extract(epoch FROM upper(r.period)) * 1000000)::int8 END,
  to_char(r.work_start, 'HH24:MI'), to_char(r.work_end, 'HH24:MI'),
  r.status::text, r.lanes_closed, r.lanes_total, r.full_closure,
  r.sidewalk_affected, r.bike_lane_affected, r.parking_affected,
  r.organiser, r.contractor, r.contact_phone, r.source,
  coalesce(r.source_key, ''),
  (extract(epoch FROM r.created_at) * 1000000)::int8,
  (extract(epoch FROM r.updated_at) * 1000000)::int8,
  (extract(epoch FROM r.deleted_at) * 1000000)::int8)sql";

constexpr char kFrom[] =
    " FROM road_works r LEFT JOIN districts d ON d.code = r.district_code";

constexpr char kOrder[] = " ORDER BY lower(r.period), r.id";

const char* GeometryColumn(GeometryFormat format) {
  switch (format) {
    case pwis::v1::GEOMETRY_FORMAT_WKB:
      return "ST_AsBinary(r.geom)";
    case pwis::v1::GEOMETRY_FORMAT_NONE:
      return "NULL::text";
    default:
      return "ST_AsGeoJSON(r.geom, 7)";
  }
}

std::string SelectSql(GeometryFormat format) {
  return absl::StrCat("SELECT ", kColumns, ", ", GeometryColumn(format), kFrom);
}

// Status names as stored (enum road_work_status) → proto enum.
pwis::v1::RoadWorkStatus StatusFromName(const std::string& s) {
  if (s == "planned") return pwis::v1::ROAD_WORK_STATUS_PLANNED;
  if (s == "active") return pwis::v1::ROAD_WORK_STATUS_ACTIVE;
  if (s == "suspended") return pwis::v1::ROAD_WORK_STATUS_SUSPENDED;
  if (s == "completed") return pwis::v1::ROAD_WORK_STATUS_COMPLETED;
  if (s == "cancelled") return pwis::v1::ROAD_WORK_STATUS_CANCELLED;
  return pwis::v1::ROAD_WORK_STATUS_UNSPECIFIED;
}

RoadWork RoadWorkFromRow(const pqxx::row& row, GeometryFormat format) {
  RoadWork w;
  int i = 0;
  w.set_id(row[i++].as<int64_t>());
  w.set_permit_number(row[i++].c_str());
  w.set_title(row[i++].c_str());
  w.set_description(row[i++].c_str());
  std::string names = row[i++].c_str();
  if (!names.empty()) {
    for (absl::string_view n : absl::StrSplit(names, '\x1f')) {
      w.add_road_names(std::string(n));
    }
  }
  std::string code = row[i++].c_str();
  std::string zh = row[i++].c_str();
  std::string en = row[i++].c_str();
  if (!code.empty()) {
    w.mutable_district()->set_code(code);
    w.mutable_district()->mutable_name()->set_zh_tw(zh);
    w.mutable_district()->mutable_name()->set_en(en);
  }
  SetTimestamp(row[i++], w.mutable_period()->mutable_start_time());
  if (!row[i].is_null()) {
    SetTimestamp(row[i], w.mutable_period()->mutable_end_time());
  }
  ++i;
  if (!row[i].is_null()) {
    w.mutable_working_hours()->set_start(row[i].c_str());
    w.mutable_working_hours()->set_end(row[i + 1].c_str());
  }
  i += 2;
  w.set_status(StatusFromName(row[i++].c_str()));
  auto* t = w.mutable_traffic_impact();
  t->set_lanes_closed(row[i++].as<int>());
  t->set_lanes_total(row[i++].as<int>());
  t->set_full_closure(row[i++].as<bool>());
  t->set_sidewalk_affected(row[i++].as<bool>());
  t->set_bike_lane_affected(row[i++].as<bool>());
  t->set_parking_affected(row[i++].as<bool>());
  w.set_organiser(row[i++].c_str());
  w.set_contractor(row[i++].c_str());
  w.set_contact_phone(row[i++].c_str());
  w.set_source(row[i++].c_str());
  w.set_source_key(row[i++].c_str());
  SetTimestamp(row[i++], w.mutable_create_time());
  SetTimestamp(row[i++], w.mutable_update_time());
  if (!row[i].is_null()) SetTimestamp(row[i], w.mutable_delete_time());
  ++i;
  if (!row[i].is_null()) {
    if (format == pwis::v1::GEOMETRY_FORMAT_WKB) {
      w.set_geometry_wkb(WkbBytes(row[i]));
    } else if (format != pwis::v1::GEOMETRY_FORMAT_NONE) {
      FillGeoJson(row[i], w.mutable_geometry());
    }
  }
  return w;
}

// Adds the filter's conditions to `q`.
void AddFilter(const RoadWorkFilter& f, SqlBuilder& q) {
  // Placeholders are numbered in the order Param() is called; argument
  // evaluation order is unspecified, so each is taken into a local first.
  if (f.bbox) {
    std::string x0 = q.Param(f.bbox->min_lng), y0 = q.Param(f.bbox->min_lat);
    std::string x1 = q.Param(f.bbox->max_lng), y1 = q.Param(f.bbox->max_lat);
    q.Where(absl::StrCat("ST_Intersects(r.geom, ST_MakeEnvelope(", x0, ", ",
                         y0, ", ", x1, ", ", y1, ", 4326))"));
  }
  if (f.circle) {
    // In TWD97 TM2 metres, so the distance is metric and geom_tm2's index
    // serves it; the query point is transformed once, not every row.
    std::string x = q.Param(f.circle->lng), y = q.Param(f.circle->lat);
    std::string r = q.Param(f.circle->radius_m);
    q.Where(absl::StrCat(
        "ST_DWithin(r.geom_tm2, ST_Transform(ST_SetSRID(ST_MakePoint(", x,
        ", ", y, "), 4326), 3826), ", r, ")"));
  }
  if (!f.district_code.empty()) {
    q.Where(
        absl::StrCat("r.district_code = ", q.Param(f.district_code, "text")));
  }
  if (!f.road.empty()) {
    std::string pattern;
    for (char c : f.road) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    q.Where(absl::StrCat("r.road_text LIKE ",
                         q.Param(absl::StrCat("%", pattern, "%"), "text")));
  }
  switch (f.time.kind) {
    case TimeFilter::kAt: {
      std::string at = q.TimeParam(f.time.at);
      q.Where(
          absl::StrCat("r.period @> ", at,
                       " AND pwis_hours_contain(r.work_start, r.work_end, (",
                       at, " AT TIME ZONE 'Asia/Taipei')::time)"));
      break;
    }
    case TimeFilter::kWindow: {
      std::string from = f.time.from ? q.TimeParam(*f.time.from) : "NULL";
      std::string to = f.time.to ? q.TimeParam(*f.time.to) : "NULL";
      std::string window =
          absl::StrCat("tstzrange(", from, ", ", to, ", '[)')");
      q.Where(absl::StrCat("r.period && ", window,
                           " AND pwis_hours_meet(r.work_start, r.work_end, "
                           "r.period * ",
                           window, ")"));
      break;
    }
    case TimeFilter::kAny:
      break;
  }
  if (!f.statuses.empty()) {
    q.Where(absl::StrCat(
        "r.status = ANY(",
        q.Param(absl::StrCat("{", absl::StrJoin(f.statuses, ","), "}"),
                "road_work_status[]"),
        ")"));
  }
  if (f.updated_since) {
    q.Where(absl::StrCat("r.updated_at >= ", q.TimeParam(*f.updated_since)));
  }
  if (!f.include_deleted) q.Where("r.deleted_at IS NULL");
}

void AddAfter(const std::optional<ListPosition>& after, SqlBuilder& q) {
  if (!after) return;
  std::string start = q.Param(static_cast<long long>(after->start_us));
  std::string id = q.Param(static_cast<long long>(after->id));
  q.Where(absl::StrCat("(lower(r.period), r.id) > ('epoch'::timestamptz + ",
                       start, " * interval '1 microsecond', ", id, ")"));
}

pqxx::result ExecPrepared(PooledConnection& c, const char* prefix,
                          const std::string& sql,
                          const std::vector<std::string>& params) {
  std::string name = StatementName(prefix, sql);
  c.Prepare(name, sql);
  pqxx::nontransaction tx(c.conn());
  return tx.exec_prepared(name, pqxx::prepare::make_dynamic_params(params));
}

}  // namespace

Statement RoadWorksStore::GetStatement(GeometryFormat format) {
  return {SelectSql(format) + " WHERE r.id = $1 AND r.deleted_at IS NULL", {}};
}

Statement RoadWorksStore::ListStatement(const RoadWorkFilter& filter,
                                        const ListOptions& options) {
  SqlBuilder q;
  AddFilter(filter, q);
  AddAfter(options.after, q);
  std::string sql = absl::StrCat(
      SelectSql(options.geometry_format), q.WhereClause(), kOrder, " LIMIT ",
      q.Param(static_cast<long long>(options.limit) + 1));
  return {std::move(sql), q.params()};
}

absl::StatusOr<RoadWork> RoadWorksStore::Get(int64_t id, GeometryFormat format,
                                             const CallLimit& limit) {
  return pool_->Run<RoadWork>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<RoadWork> {
        static const std::string kSql[] = {
            GetStatement(pwis::v1::GEOMETRY_FORMAT_GEOJSON).sql,
            GetStatement(pwis::v1::GEOMETRY_FORMAT_WKB).sql,
            GetStatement(pwis::v1::GEOMETRY_FORMAT_NONE).sql};
        int k = format == pwis::v1::GEOMETRY_FORMAT_WKB    ? 1
                : format == pwis::v1::GEOMETRY_FORMAT_NONE ? 2
                                                           : 0;
        const std::string name = absl::StrCat("rw_get_", k);
        c.Prepare(name, kSql[k]);
        pqxx::nontransaction tx(c.conn());
        pqxx::result r = tx.exec_prepared(name, id);
        if (r.empty()) {
          return absl::NotFoundError(
              absl::StrCat("road work ", id, " not found"));
        }
        return RoadWorkFromRow(r[0], format);
      });
}

absl::StatusOr<RoadWorkPage> RoadWorksStore::List(const RoadWorkFilter& filter,
                                                  const ListOptions& options,
                                                  const CallLimit& limit) {
  Statement st = ListStatement(filter, options);
  return pool_->Run<RoadWorkPage>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<RoadWorkPage> {
        pqxx::result r = ExecPrepared(c, "rw_list", st.sql, st.params);
        RoadWorkPage page;
        for (const auto& row : r) {
          if (static_cast<int>(page.items.size()) == options.limit) {
            const RoadWork& last = page.items.back();
            page.next =
                ListPosition{MicrosOf(last.period().start_time()), last.id()};
            break;
          }
          page.items.push_back(RoadWorkFromRow(row, options.geometry_format));
        }
        return page;
      });
}

absl::StatusOr<GeoJsonPage> RoadWorksStore::ListGeoJson(
    const RoadWorkFilter& filter, const ListOptions& options,
    const CallLimit& call) {
  SqlBuilder q;
  AddFilter(filter, q);
  AddAfter(options.after, q);
  std::string limit = q.Param(static_cast<long long>(options.limit));
  // The page is fetched with one extra row to learn whether more follow.
  std::string sql =
      absl::StrCat(R"sql(
WITH page AS (
  SELECT r.*, d.name_zh AS district_zh, d.name_en AS district_en,
         (extract(epoch FROM lower(r.period)) * 1000000)::int8 AS start_us,
         row_number() OVER (ORDER BY lower(r.period), r.id) AS rn)sql",
                   kFrom, q.WhereClause(), kOrder, " LIMIT ", limit, R"sql( + 1)
SELECT coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'id', p.id,
         'geometry', ST_AsGeoJSON(p.geom, 7)::json,
         'properties', json_build_object(
           'id', p.id,
           'permit_number', p.permit_number,
           'title', p.title,
           'description', p.description,
           'road_names', p.road_names,
           'district_code', p.district_code,
           'district_name_zh', p.district_zh,
           'district_name_en', p.district_en,
           'start_time', pwis_local_iso(lower(p.period)),
           'end_time', pwis_local_iso(upper(p.period)),
           'working_hours', CASE WHEN p.work_start IS NULL THEN NULL
             ELSE json_build_object('start', to_char(p.work_start, 'HH24:MI'),
                                    'end', to_char(p.work_end, 'HH24:MI')) END,
           'status', p.status,
           'lanes_closed', p.lanes_closed,
           'lanes_total', p.lanes_total,
           'full_closure', p.full_closure,
           'sidewalk_affected', p.sidewalk_affected,
           'bike_lane_affected', p.bike_lane_affected,
           'parking_affected', p.parking_affected,
           'organiser', p.organiser,
           'contractor', p.contractor,
           'contact_phone', p.contact_phone,
           'update_time', pwis_local_iso(p.updated_at),
           'delete_time', pwis_local_iso(p.deleted_at)))
         ORDER BY p.rn) FILTER (WHERE p.rn <= )sql",
                   limit, R"sql(), '[]'::json)::text,
       count(*) FILTER (WHERE p.rn <= )sql",
                   limit, R"sql(),
       coalesce(bool_or(p.rn > )sql",
                   limit, R"sql(), false),
       max(p.start_us) FILTER (WHERE p.rn = )sql",
                   limit, R"sql(),
       max(p.id) FILTER (WHERE p.rn = )sql",
                   limit, ")\nFROM page p");
  return pool_->Run<GeoJsonPage>(
      call, [&](PooledConnection& c) -> absl::StatusOr<GeoJsonPage> {
        pqxx::result r = ExecPrepared(c, "rw_geojson", sql, q.params());
        GeoJsonPage page;
        page.features = r[0][0].c_str();
        page.count = r[0][1].as<int>();
        if (r[0][2].as<bool>()) {
          page.next =
              ListPosition{r[0][3].as<int64_t>(), r[0][4].as<int64_t>()};
        }
        return page;
      });
}

}  // namespace pwis::store
