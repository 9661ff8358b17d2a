#include "gis/store/roadworks_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/enum_table.h"
#include "gis/store/feature_collection.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {

namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::RoadWork;

// The select list RoadWorkFromRow reads by these names, besides
// CommonColumns.
constexpr char kColumns[] = R"sql(
  r.id, r.permit_number, r.title, r.description, r.status::text AS status,
  r.lanes_closed, r.lanes_total, r.full_closure, r.sidewalk_affected,
  r.bike_lane_affected, r.parking_affected, r.organiser, r.contractor,
  r.contact_phone)sql";

constexpr char kFrom[] =
    " FROM road_works r LEFT JOIN districts d ON d.code = r.district_code";

constexpr char kTimeKey[] = "lower(r.period)";

std::string SelectSql(GeometryFormat format) {
  return absl::StrCat("SELECT ", kColumns, ", ", CommonColumns("r", format),
                      kFrom);
}

// Column numbers of the select list in a result, looked up once per result.
struct Columns : CommonColumnIndex {
  explicit Columns(const pqxx::result& r)
      : CommonColumnIndex(r),
        id(r.column_number("id")),
        permit_number(r.column_number("permit_number")),
        title(r.column_number("title")),
        description(r.column_number("description")),
        status(r.column_number("status")),
        lanes_closed(r.column_number("lanes_closed")),
        lanes_total(r.column_number("lanes_total")),
        full_closure(r.column_number("full_closure")),
        sidewalk_affected(r.column_number("sidewalk_affected")),
        bike_lane_affected(r.column_number("bike_lane_affected")),
        parking_affected(r.column_number("parking_affected")),
        organiser(r.column_number("organiser")),
        contractor(r.column_number("contractor")),
        contact_phone(r.column_number("contact_phone")) {}
  pqxx::row::size_type id, permit_number, title, description, status,
      lanes_closed, lanes_total, full_closure, sidewalk_affected,
      bike_lane_affected, parking_affected, organiser, contractor,
      contact_phone;
};

RoadWork RoadWorkFromRow(const pqxx::row& row, const Columns& c,
                         GeometryFormat format) {
  RoadWork w;
  w.set_id(row[c.id].as<int64_t>());
  w.set_permit_number(row[c.permit_number].c_str());
  w.set_title(row[c.title].c_str());
  w.set_description(row[c.description].c_str());
  const EnumEntry* status = ByName(RoadWorkStatuses(), row[c.status].c_str());
  w.set_status(status == nullptr ? pwis::v1::ROAD_WORK_STATUS_UNSPECIFIED
                                 : pwis::v1::RoadWorkStatus(status->value));
  SetLabel(status, w.mutable_status_label());
  auto* t = w.mutable_traffic_impact();
  t->set_lanes_closed(row[c.lanes_closed].as<int>());
  t->set_lanes_total(row[c.lanes_total].as<int>());
  t->set_full_closure(row[c.full_closure].as<bool>());
  t->set_sidewalk_affected(row[c.sidewalk_affected].as<bool>());
  t->set_bike_lane_affected(row[c.bike_lane_affected].as<bool>());
  t->set_parking_affected(row[c.parking_affected].as<bool>());
  w.set_organiser(row[c.organiser].c_str());
  w.set_contractor(row[c.contractor].c_str());
  w.set_contact_phone(row[c.contact_phone].c_str());
  SetCommonFields(row, c, format, &w);
  return w;
}

// Adds the filter's conditions to `q`.
void AddFilter(const RoadWorkFilter& f, SqlBuilder& q) {
  AddCommonConditions(q, "r", f.common);
  if (!f.road.empty()) q.Where(Substring(q, "r.road_text", f.road));
  if (!f.statuses.empty()) {
    q.Where(AnyOf(q, "r.status", f.statuses, "road_work_status[]"));
  }
}

const FeatureSource& GeoJsonSource() {
  static const FeatureSource* source = new FeatureSource{
      kFrom,
      "r",
      "d.name_zh AS district_zh, d.name_en AS district_en",
      kTimeKey,
      {
          {"id", "p.id"},
          {"permit_number", "p.permit_number"},
          {"title", "p.title"},
          {"description", "p.description"},
          {"road_names", "p.road_names"},
          {"district_code", "p.district_code"},
          {"district_name_zh", "p.district_zh"},
          {"district_name_en", "p.district_en"},
          {"start_time", "pwis_local_iso(lower(p.period))"},
          {"end_time", "pwis_local_iso(upper(p.period))"},
          {"working_hours", WorkingHoursJson("p")},
          {"status", "p.status"},
          {"status_label", LabelJson(RoadWorkStatuses(), "p.status")},
          {"lanes_closed", "p.lanes_closed"},
          {"lanes_total", "p.lanes_total"},
          {"full_closure", "p.full_closure"},
          {"sidewalk_affected", "p.sidewalk_affected"},
          {"bike_lane_affected", "p.bike_lane_affected"},
          {"parking_affected", "p.parking_affected"},
          {"organiser", "p.organiser"},
          {"contractor", "p.contractor"},
          {"contact_phone", "p.contact_phone"},
          {"update_time", "pwis_local_iso(p.updated_at)"},
          {"delete_time", "pwis_local_iso(p.deleted_at)"},
      }};
  return *source;
}

}  // namespace

std::string RoadWorksStore::DigRows(SqlBuilder& q, const RoadWorkFilter& filter,
                                    const DigSite& site,
                                    GeometryFormat format) {
  DigRow row = DigRowFor(q, "r", site, format);
  row.kind = "'road_work'";
  row.id = "r.id";
  row.reference = "r.permit_number";
  row.title_zh = "r.title";
  row.status = "r.status::text";
  row.agency_zh = "r.organiser";
  row.phone = "r.contact_phone";
  AddFilter(filter, q);
  return absl::StrCat(RenderDigRow(row), kFrom, q.TakeWhereClause());
}

Statement RoadWorksStore::GetStatement(GeometryFormat format) {
  return {SelectSql(format) + " WHERE r.id = $1 AND " + NotDeleted("r"), {}};
}

Statement RoadWorksStore::ListStatement(const RoadWorkFilter& filter,
                                        const ListOptions& options) {
  SqlBuilder q;
  AddFilter(filter, q);
  return KeysetPageStatement(SelectSql(options.geometry_format), "r", kTimeKey,
                             q, options);
}

absl::StatusOr<RoadWork> RoadWorksStore::Get(int64_t id, GeometryFormat format,
                                             const CallLimit& limit) {
  static const std::string kSql[] = {
      GetStatement(pwis::v1::GEOMETRY_FORMAT_GEOJSON).sql,
      GetStatement(pwis::v1::GEOMETRY_FORMAT_WKB).sql,
      GetStatement(pwis::v1::GEOMETRY_FORMAT_NONE).sql};
  int k = format == pwis::v1::GEOMETRY_FORMAT_WKB    ? 1
          : format == pwis::v1::GEOMETRY_FORMAT_NONE ? 2
                                                     : 0;
  return Query<RoadWork>(
      limit, "rw_get", {kSql[k], {absl::StrCat(id)}},
      [&](const pqxx::result& r) -> absl::StatusOr<RoadWork> {
        if (r.empty()) {
          return absl::NotFoundError(
              absl::StrCat("road work ", id, " not found"));
        }
        return RoadWorkFromRow(r[0], Columns(r), format);
      });
}

absl::StatusOr<RoadWorkPage> RoadWorksStore::List(const RoadWorkFilter& filter,
                                                  const ListOptions& options,
                                                  const CallLimit& limit) {
  return ListPage<RoadWork, Columns>(
      limit, "rw_list", ListStatement(filter, options), options.limit,
      [&](const pqxx::row& row, const Columns& c) {
        return RoadWorkFromRow(row, c, options.geometry_format);
      });
}

absl::StatusOr<GeoJsonPage> RoadWorksStore::ListGeoJson(
    const RoadWorkFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  return GeoJsonPageQuery(limit, "rw_geojson", GeoJsonSource(), q, options);
}

const TileLayer& RoadWorksTileLayer() {
  static const TileLayer* layer = [] {
    auto* p = new TileLayer;
    TileLayer& l = *p;
    l.name = "roadworks";
    l.description = "Road works (施工路段): status, traffic impact, period";
    l.from = kFrom;
    l.alias = "r";
    l.id_sql = "r.id";
    l.attributes = {
        {"permit_number", "r.permit_number"},
        {"title", "r.title"},
        {"status", "r.status::text"},
        {"status_zh", LabelText(RoadWorkStatuses(), "r.status", false)},
        {"status_en", LabelText(RoadWorkStatuses(), "r.status", true)},
        {"impact",
         "CASE WHEN r.full_closure THEN 'full_closure' WHEN r.lanes_closed "
         "> 0 THEN 'lanes' ELSE 'minor' END"},
        {"lanes_closed", "r.lanes_closed"},
        {"district_code", "r.district_code"},
        {"start_time", "pwis_local_iso(lower(r.period))"},
        {"end_time", "pwis_local_iso(upper(r.period))"},
    };
    l.minzoom = 10;
    l.timed = true;
    l.status_sql = "r.status";
    l.status_array_type = "road_work_status[]";
    l.statuses = RoadWorkStatuses();
    l.default_statuses = &DefaultRoadWorkStatuses();
    l.status_enum_prefix = "ROAD_WORK_STATUS_";
    return p;
  }();
  return *layer;
}

}  // namespace pwis::store
