#include "gis/store/districts_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/connection_pool.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"

namespace pwis::store {
namespace {

constexpr char kLocateSql[] = R"sql(
SELECT d.code, d.name_zh, d.name_en, v.code AS village_code,
       v.name_zh AS village_zh, v.name_en AS village_en
FROM districts d
LEFT JOIN villages v
  ON v.district_code = d.code
 AND ST_Intersects(v.geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
ORDER BY d.code, v.code
LIMIT 1)sql";

// About 10 m of simplification: enough for a map of districts.
constexpr char kListSql[] = R"sql(
SELECT code, name_zh, name_en,
       CASE WHEN $1::bool THEN ST_AsGeoJSON(ST_ForcePolygonCCW(
         ST_Multi(ST_SimplifyPreserveTopology(geom, 0.0001))), 6) END AS geom
FROM districts ORDER BY code)sql";

// The same boundaries as one FeatureCollection (RFC 7946: exterior rings
// counter-clockwise, kept so through the simplification).
constexpr char kGeoJsonSql[] = R"sql(
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*),
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature',
    'id', code,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(
      ST_Multi(ST_SimplifyPreserveTopology(geom, 0.0001))), 6)::json,
    'properties', json_build_object(
      'code', code, 'name_zh', name_zh, 'name_en', name_en))
    ORDER BY code), '[]'::json))::text
FROM districts)sql";

constexpr char kResolveSql[] = R"sql(
SELECT code FROM districts
WHERE code = $1::text OR name_zh = $1 OR name_zh = $1 || '區'
   OR lower(name_en) = lower($1) OR lower(name_en) = lower($1) || ' district'
ORDER BY code LIMIT 1)sql";

}  // namespace

absl::StatusOr<pwis::v1::LocateDistrictResponse> DistrictsStore::Locate(
    double lng, double lat, const CallLimit& limit) {
  using Response = pwis::v1::LocateDistrictResponse;
  SqlBuilder q;  // For its number formatting: $1, $2 as kLocateSql reads.
  q.Param(lng);
  q.Param(lat);
  return Query<Response>(
      limit, "district_locate", {kLocateSql, q.params()},
      [&](const pqxx::result& r) -> absl::StatusOr<Response> {
        if (r.empty()) {
          return absl::NotFoundError(absl::StrCat(
              "no district contains the point (", lng, ", ", lat, ")"));
        }
        Response out;
        SetDistrict(r[0]["code"], r[0]["name_zh"], r[0]["name_en"],
                    out.mutable_district());
        if (!r[0]["village_code"].is_null()) {
          auto* v = out.mutable_village();
          v->set_code(r[0]["village_code"].c_str());
          v->mutable_name()->set_zh_tw(r[0]["village_zh"].c_str());
          v->mutable_name()->set_en(r[0]["village_en"].c_str());
          v->set_district_code(r[0]["code"].c_str());
        }
        return out;
      });
}

absl::StatusOr<std::vector<pwis::v1::District>> DistrictsStore::List(
    bool with_geometry, const CallLimit& limit) {
  using Districts = std::vector<pwis::v1::District>;
  return Query<Districts>(
      limit, "district_list", {kListSql, {with_geometry ? "true" : "false"}},
      [&](const pqxx::result& r) -> absl::StatusOr<Districts> {
        Districts out;
        for (const auto& row : r) {
          pwis::v1::District& d = out.emplace_back();
          SetDistrict(row["code"], row["name_zh"], row["name_en"], &d);
          if (with_geometry && !row["geom"].is_null()) {
            FillGeoJson(row["geom"], d.mutable_geometry());
          }
        }
        return out;
      });
}

absl::StatusOr<std::string> DistrictsStore::ListGeoJson(
    const CallLimit& limit) {
  return Query<std::string>(
      limit, "district_geojson", {kGeoJsonSql, {}},
      [](const pqxx::result& r) -> absl::StatusOr<std::string> {
        return std::string(r[0][0].c_str());
      });
}

absl::StatusOr<std::optional<std::string>> DistrictsStore::Resolve(
    const std::string& key, const CallLimit& limit) {
  using Result = std::optional<std::string>;
  // Read before asking: a change heard meanwhile moves it on, and the
  // answer is then not kept.
  const uint64_t generation = resolved_.Now();
  if (std::optional<Result> known = resolved_.Find(key, generation)) {
    return *known;
  }
  absl::StatusOr<Result> answer =
      Query<Result>(limit, "district_resolve", {kResolveSql, {key}},
                    [](const pqxx::result& r) -> absl::StatusOr<Result> {
                      if (r.empty()) return Result();
                      return Result(r[0]["code"].c_str());
                    });
  if (answer.ok()) resolved_.Remember(key, generation, *answer);
  return answer;
}

// Codes are digits (TOWNCODE, VILLCODE): the feature id is the code (none
// for a code that is not, rather than a failed tile).
const TileLayer& DistrictsTileLayer() {
  static const TileLayer* layer = [] {
    auto* p = new TileLayer;
    TileLayer& l = *p;
    l.name = "districts";
    l.description = "Districts (區): boundaries and names";
    l.from = " FROM districts d";
    l.alias = "d";
    l.id_sql = "CASE WHEN d.code ~ '^[0-9]{1,18}$' THEN d.code::int8 END";
    l.attributes = {
        {"code", "d.code"},
        {"name_zh", "d.name_zh"},
        {"name_en", "d.name_en"},
    };
    return p;
  }();
  return *layer;
}

const TileLayer& VillagesTileLayer() {
  static const TileLayer* layer = [] {
    auto* p = new TileLayer;
    TileLayer& l = *p;
    l.name = "villages";
    l.description = "Villages (里): boundaries and names";
    l.from = " FROM villages v";
    l.alias = "v";
    l.id_sql = "CASE WHEN v.code ~ '^[0-9]{1,18}$' THEN v.code::int8 END";
    l.attributes = {
        {"code", "v.code"},
        {"name_zh", "v.name_zh"},
        {"name_en", "v.name_en"},
        {"district_code", "v.district_code"},
    };
    l.minzoom = 11;
    return p;
  }();
  return *layer;
}

}  // namespace pwis::store
