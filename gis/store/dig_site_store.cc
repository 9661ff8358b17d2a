#include "gis/store/dig_site_store.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gis/store/no_dig_zones_store.h"
#include "gis/store/permits_store.h"
#include "gis/store/projects_store.h"
#include "gis/store/roadworks_store.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_fragments.h"
#include "gis/store/utility_networks_store.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;

// The site made ready. $1 GeoJSON, $2 its SRID, $3 polygonal: only
// polygons are repaired (a line or point PostGIS finds invalid, such as a
// line of one repeated position, is refused). Output polygons get RFC 7946
// rings.
constexpr char kPrepareSql[] = R"sql(
WITH i AS (
  SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($1::text), $2::int4)) AS g),
v AS (SELECT g, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM i),
f AS (
  SELECT valid, reason,
         CASE WHEN valid THEN g
              WHEN $3::bool THEN ST_CollectionExtract(ST_MakeValid(g), 3)
         END AS g
  FROM v),
t AS (
  SELECT valid, reason, ST_Transform(g, 3826) AS tm2,
         CASE WHEN $3::bool THEN ST_ForcePolygonCCW(ST_Transform(g, 4326))
              ELSE ST_Transform(g, 4326) END AS wgs
  FROM f)
SELECT valid, reason, (tm2 IS NULL OR ST_IsEmpty(tm2)) AS empty,
       encode(ST_AsEWKB(tm2), 'hex') AS tm2_hex,
       ST_AsGeoJSON(wgs, 7) AS geojson, ST_AsBinary(wgs) AS wkb,
       ST_XMax(tm2) - ST_XMin(tm2) AS width_m,
       ST_YMax(tm2) - ST_YMin(tm2) AS height_m,
       ST_XMin(wgs) AS min_lng, ST_YMin(wgs) AS min_lat,
       ST_XMax(wgs) AS max_lng, ST_YMax(wgs) AS max_lat
FROM t)sql";

// "(<sub-select> ORDER BY distance, start, id LIMIT <cap + 1>)".
std::string Capped(const std::string& select) {
  return absl::StrCat("(", select, " ORDER BY distance_m, start_us, id LIMIT ",
                      kMaxRowsPerKind + 1, ")");
}

struct Columns {
  explicit Columns(const pqxx::result& r) {
    auto n = [&](const char* name) { return r.column_number(name); };
    kind = n("kind");
    id = n("id");
    reference = n("reference");
    title_zh = n("title_zh");
    title_en = n("title_en");
    status = n("status");
    road_names = n("road_names");
    agency_code = n("agency_code");
    agency_zh = n("agency_zh");
    agency_en = n("agency_en");
    agency_pipeline = n("agency_pipeline");
    phone = n("phone");
    notice_phone = n("notice_phone");
    distance_m = n("distance_m");
    start_us = n("start_us");
    end_us = n("end_us");
    overlap_start_us = n("overlap_start_us");
    overlap_end_us = n("overlap_end_us");
    first_day = n("first_day");
    last_day = n("last_day");
    days = n("days");
    names = n("names");
    count = n("count");
    geom = n("geom_out");
  }
  pqxx::row::size_type kind, id, reference, title_zh, title_en, status,
      road_names, agency_code, agency_zh, agency_en, agency_pipeline, phone,
      notice_phone, distance_m, start_us, end_us, overlap_start_us,
      overlap_end_us, first_day, last_day, days, names, count, geom;
};

const char* Text(const pqxx::field& f) { return f.is_null() ? "" : f.c_str(); }

std::vector<std::string> Split(const pqxx::field& f) {
  if (f.is_null() || *f.c_str() == '\0') return {};
  return absl::StrSplit(f.c_str(), '\x1f');
}

void SetAgency(const pqxx::row& row, const Columns& c, pwis::v1::Agency* a) {
  a->set_code(Text(row[c.agency_code]));
  a->mutable_name()->set_zh_tw(Text(row[c.agency_zh]));
  a->mutable_name()->set_en(Text(row[c.agency_en]));
  const EnumEntry* type = ByName(PipelineTypes(), Text(row[c.agency_pipeline]));
  if (type != nullptr)
    a->set_pipeline_type(pwis::v1::PipelineType(type->value));
  SetLabel(type, a->mutable_pipeline_type_label());
  a->set_public_phone(Text(row[c.phone]));
}

pwis::v1::DigConflict ConflictFromRow(const pqxx::row& row, const Columns& c,
                                      const EnumEntry* kind,
                                      GeometryFormat format) {
  pwis::v1::DigConflict x;
  x.set_kind(pwis::v1::ConflictKind(kind->value));
  SetLabel(kind, x.mutable_kind_label());
  x.set_id(row[c.id].as<int64_t>());
  x.set_reference(Text(row[c.reference]));
  x.mutable_title()->set_zh_tw(Text(row[c.title_zh]));
  x.mutable_title()->set_en(Text(row[c.title_en]));
  for (std::string& name : Split(row[c.road_names])) {
    x.add_road_names(std::move(name));
  }
  x.set_distance_m(row[c.distance_m].as<double>());
  SetTimeRange(row[c.start_us], row[c.end_us], x.mutable_period());
  auto* overlap = x.mutable_overlap();
  SetTimeRange(row[c.overlap_start_us], row[c.overlap_end_us],
               overlap->mutable_range());
  overlap->set_first_day(Text(row[c.first_day]));
  overlap->set_last_day(Text(row[c.last_day]));
  if (!row[c.days].is_null()) overlap->set_days(row[c.days].as<int>());
  auto* who = x.mutable_responsible();
  who->set_code(Text(row[c.agency_code]));
  who->mutable_name()->set_zh_tw(Text(row[c.agency_zh]));
  who->mutable_name()->set_en(Text(row[c.agency_en]));
  who->set_phone(Text(row[c.phone]));
  EnumTable statuses =
      x.kind() == pwis::v1::CONFLICT_KIND_PERMIT      ? PermitStatuses()
      : x.kind() == pwis::v1::CONFLICT_KIND_ROAD_WORK ? RoadWorkStatuses()
      : x.kind() == pwis::v1::CONFLICT_KIND_PROJECT   ? ProjectStatuses()
                                                      : NoDigReasons();
  SetLabel(ByName(statuses, Text(row[c.status])), x.mutable_status_label());
  SetGeometry(row[c.geom], format, &x);
  return x;
}

}  // namespace

absl::StatusOr<std::variant<PreparedSite, SiteRefusal>>
DigSiteStore::PrepareSite(const std::string& geojson, int srid, bool polygonal,
                          const CallLimit& limit) {
  using Result = std::variant<PreparedSite, SiteRefusal>;
  Statement st = PrepareStatement();
  st.params = {geojson, absl::StrCat(srid), polygonal ? "true" : "false"};
  return pool()->Run<Result>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<Result> {
        pqxx::result r;
        try {
          r = ExecPrepared(c, "digsite_prepare", st);
        } catch (const pqxx::data_exception& e) {
          // The structure was checked (ParseInputGeometry); what PostGIS
          // still refuses is the client's geometry, not a fault.
          return Result(SiteRefusal{absl::StrCat("PostGIS: ", e.what())});
        }
        const pqxx::row row = r.at(0);
        if (row["empty"].as<bool>()) {
          return Result(SiteRefusal{absl::StrCat(
              "not a usable geometry (", Text(row["reason"]),
              row["valid"].as<bool>() ? "" : "; no area is left once repaired",
              ")")});
        }
        PreparedSite site;
        site.tm2_ewkb_hex = row["tm2_hex"].c_str();
        site.wgs84_geojson = row["geojson"].c_str();
        site.wgs84_wkb = WkbBytes(row["wkb"]);
        site.repaired = !row["valid"].as<bool>();
        if (site.repaired) site.invalid_reason = Text(row["reason"]);
        site.width_m = row["width_m"].as<double>();
        site.height_m = row["height_m"].as<double>();
        site.min_lng = row["min_lng"].as<double>();
        site.min_lat = row["min_lat"].as<double>();
        site.max_lng = row["max_lng"].as<double>();
        site.max_lat = row["max_lat"].as<double>();
        return Result(std::move(site));
      });
}

Statement DigSiteStore::PrepareStatement() { return {kPrepareSql, {}}; }

Statement DigSiteStore::CheckStatement(const DigSite& site,
                                       const std::vector<std::string>& roads,
                                       GeometryFormat format) {
  SqlBuilder q;
  // The dig's roads: given, or those recorded at the site.
  std::string site_roads;
  if (!roads.empty()) {
    site_roads = absl::StrCat("SELECT DISTINCT unnest(",
                              ArrayParam(q, roads, "text[]"), ") AS name");
  } else {
    NearGeometry near = site.Near();
    std::string p = NearCondition(q, "p", near);
    std::string r = NearCondition(q, "r", near);
    site_roads = absl::StrCat(
        "SELECT DISTINCT unnest(x.road_names) AS name FROM ("
        "SELECT p.road_names FROM excavation_permits p WHERE ",
        NotDeleted("p"), " AND ", p,
        " UNION ALL SELECT r.road_names FROM road_works r WHERE ",
        NotDeleted("r"), " AND ", r, ") x");
  }
  std::vector<std::string> parts;
  parts.push_back(
      absl::StrCat("(", UtilityNetworksStore::NotifyRows(q, site), ")"));
  // Each kind by its own list's default selection, near the site in the
  // window.
  PermitFilter permits;
  permits.common.near = site.Near();
  permits.common.time = site.Window();
  permits.statuses = DefaultPermitStatuses();
  parts.push_back(Capped(PermitsStore::DigRows(q, permits, site, format)));
  RoadWorkFilter works;
  works.common.near = site.Near();
  works.common.time = site.Window();
  works.statuses = DefaultRoadWorkStatuses();
  parts.push_back(Capped(RoadWorksStore::DigRows(q, works, site, format)));
  NoDigZoneFilter zones;
  zones.common.near = site.Near();
  zones.common.time = site.Window();
  parts.push_back(Capped(NoDigZonesStore::DigRows(q, zones, site, format)));
  ProjectFilter projects;
  projects.common.near = site.Near();
  projects.common.time = site.Window();
  projects.statuses = DefaultProjectStatuses();
  parts.push_back(Capped(ProjectsStore::DigRows(q, projects, site, format)));
  parts.push_back(absl::StrCat(
      "(",
      PermitsStore::JointDigRows(
          q, site, "(SELECT coalesce(array_agg(name), '{}') FROM site_roads)",
          kJointDigMetres, kJointDigDays, kMaxJointDigSuggestions),
      ")"));
  // Permits without coordinates on the dig's roads in its districts.
  parts.push_back(PermitsStore::UnplacedDigRows(
      q, site, "(SELECT coalesce(array_agg(name), '{}') FROM site_roads)",
      "SELECT code FROM site_districts", kMaxRowsPerKind + 1));
  DigRow district;
  district.kind = "'district'";
  district.reference = "d.code";
  district.title_zh = "d.name_zh";
  district.title_en = "d.name_en";
  parts.push_back(
      absl::StrCat("(", RenderDigRow(district), " FROM site_districts d)"));
  DigRow road;
  road.kind = "'road'";
  road.reference = "name";
  parts.push_back(absl::StrCat("(", RenderDigRow(road), " FROM site_roads)"));
  std::string g = q.Param(site.tm2_ewkb_hex, "geometry");
  std::string buffer = q.Param(site.buffer_m);
  std::string sql = absl::StrCat(
      "WITH site_roads AS (", site_roads,
      "), site_districts AS (SELECT d.code, d.name_zh, d.name_en FROM "
      "districts d WHERE ST_Intersects(d.geom, ST_Transform(ST_Buffer(",
      g, ", ", buffer, "), 4326))) ", absl::StrJoin(parts, " UNION ALL "));
  return {std::move(sql), q.params()};
}

absl::StatusOr<DigCheck> DigSiteStore::Check(
    const DigSite& site, const std::vector<std::string>& roads,
    GeometryFormat format, const CallLimit& limit) {
  return Query<DigCheck>(
      limit, "digsite_check", CheckStatement(site, roads, format),
      [&](const pqxx::result& r) -> absl::StatusOr<DigCheck> {
        DigCheck out;
        Columns c(r);
        std::set<int64_t> conflicting_permits;
        std::map<std::string, int> per_kind;
        std::vector<pqxx::row> joint;  // Rows share the result's data.
        for (const auto& row : r) {
          std::string kind = row[c.kind].c_str();
          if (++per_kind[kind] > kMaxRowsPerKind) {
            if (per_kind[kind] == kMaxRowsPerKind + 1) {
              out.truncated_kinds.push_back(kind);
            }
            continue;
          }
          if (kind == "notify") {
            pwis::v1::AgencyToNotify a;
            SetAgency(row, c, a.mutable_agency());
            a.set_dig_notice_phone(Text(row[c.notice_phone]));
            a.set_distance_m(row[c.distance_m].as<double>());
            for (std::string& n : Split(row[c.names])) {
              a.add_network_names(std::move(n));
            }
            a.set_network_count(row[c.count].as<int>());
            out.agencies.push_back(std::move(a));
          } else if (kind == "district") {
            pwis::v1::District d;
            d.set_code(Text(row[c.reference]));
            d.mutable_name()->set_zh_tw(Text(row[c.title_zh]));
            d.mutable_name()->set_en(Text(row[c.title_en]));
            out.districts.push_back(std::move(d));
          } else if (kind == "road") {
            out.roads.push_back(Text(row[c.reference]));
          } else if (kind == "joint") {
            joint.push_back(row);
          } else if (kind == "unplaced") {
            pwis::v1::UnplacedPermit u;
            u.set_id(row[c.id].as<int64_t>());
            u.set_permit_no(Text(row[c.reference]));
            SetAgency(row, c, u.mutable_agency());
            u.set_purpose(Text(row[c.title_zh]));
            u.set_location(Text(row[c.names]));
            u.set_district_code(Text(row[c.title_en]));
            for (std::string& n : Split(row[c.road_names])) {
              u.add_road_names(std::move(n));
            }
            SetTimeRange(row[c.start_us], row[c.end_us], u.mutable_period());
            SetLabel(ByName(PermitStatuses(), Text(row[c.status])),
                     u.mutable_status_label());
            out.unplaced.push_back(std::move(u));
          } else if (const EnumEntry* k =
                         ByName(ConflictKinds(), kind.c_str())) {
            out.conflicts.push_back(ConflictFromRow(row, c, k, format));
            if (k->value == pwis::v1::CONFLICT_KIND_PERMIT) {
              conflicting_permits.insert(out.conflicts.back().id());
            }
          } else {
            return absl::InternalError(
                absl::StrCat("dig-site row of unknown kind ", kind));
          }
        }
        // A permit that already conflicts is not also a suggestion.
        for (const pqxx::row& row : joint) {
          if (conflicting_permits.count(row[c.id].as<int64_t>())) continue;
          pwis::v1::JointDigSuggestion s;
          s.set_permit_no(Text(row[c.reference]));
          SetAgency(row, c, s.mutable_agency());
          s.set_purpose(Text(row[c.title_zh]));
          for (std::string& n : Split(row[c.road_names])) {
            s.add_road_names(std::move(n));
          }
          SetTimeRange(row[c.start_us], row[c.end_us], s.mutable_period());
          s.set_distance_m(row[c.distance_m].as<double>());
          s.set_days_apart(row[c.days].as<int>());
          out.joint.push_back(std::move(s));
        }
        auto by_distance = [](const auto& a, const auto& b) {
          return std::make_tuple(a.distance_m(),
                                 MicrosOf(a.period().start_time()),
                                 a.permit_no()) <
                 std::make_tuple(b.distance_m(),
                                 MicrosOf(b.period().start_time()),
                                 b.permit_no());
        };
        std::sort(out.joint.begin(), out.joint.end(), by_distance);
        std::sort(
            out.conflicts.begin(), out.conflicts.end(),
            [](const pwis::v1::DigConflict& a, const pwis::v1::DigConflict& b) {
              return std::make_tuple(a.kind(), a.distance_m(),
                                     MicrosOf(a.period().start_time()),
                                     a.id()) <
                     std::make_tuple(b.kind(), b.distance_m(),
                                     MicrosOf(b.period().start_time()), b.id());
            });
        std::sort(out.agencies.begin(), out.agencies.end(),
                  [](const auto& a, const auto& b) {
                    return std::make_tuple(a.distance_m(), a.agency().code()) <
                           std::make_tuple(b.distance_m(), b.agency().code());
                  });
        std::sort(out.roads.begin(), out.roads.end());
        std::sort(
            out.districts.begin(), out.districts.end(),
            [](const auto& a, const auto& b) { return a.code() < b.code(); });
        return out;
      });
}

}  // namespace pwis::store
