#include "gis/store/districts_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/connection_pool.h"
#include "gis/store/row_mapping.h"

namespace pwis::store {
namespace {

constexpr char kLocateSql[] = R"sql(
SELECT d.code, d.name_zh, d.name_en, v.code, v.name_zh, v.name_en
FROM districts d
LEFT JOIN villages v
  ON v.district_code = d.code
 AND ST_Intersects(v.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
ORDER BY d.code, v.code
LIMIT 1)sql";

// About 10 m of simplification: enough for a map of districts.
constexpr char kListSql[] = R"sql(
SELECT code, name_zh, name_en,
       CASE WHEN $1 THEN ST_AsGeoJSON(ST_ForcePolygonCCW(
         ST_Multi(ST_SimplifyPreserveTopology(geom, 0.0001))), 6) END
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
WHERE code = $1 OR name_zh = $1 OR name_zh = $1 || '區'
   OR lower(name_en) = lower($1) OR lower(name_en) = lower($1) || ' district'
ORDER BY code LIMIT 1)sql";

}  // namespace

absl::StatusOr<pwis::v1::LocateDistrictResponse> DistrictsStore::Locate(
    double lng, double lat, const CallLimit& limit) {
  using Response = pwis::v1::LocateDistrictResponse;
  return pool_->Run<Response>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<Response> {
        c.Prepare("district_locate", kLocateSql);
        pqxx::nontransaction tx(c.conn());
        pqxx::result r = tx.exec_prepared("district_locate", lng, lat);
        if (r.empty()) {
          return absl::NotFoundError(absl::StrCat(
              "no district contains the point (", lng, ", ", lat, ")"));
        }
        Response out;
        out.mutable_district()->set_code(r[0][0].c_str());
        out.mutable_district()->mutable_name()->set_zh_tw(r[0][1].c_str());
        out.mutable_district()->mutable_name()->set_en(r[0][2].c_str());
        if (!r[0][3].is_null()) {
          out.mutable_village()->set_code(r[0][3].c_str());
          out.mutable_village()->mutable_name()->set_zh_tw(r[0][4].c_str());
          out.mutable_village()->mutable_name()->set_en(r[0][5].c_str());
          out.mutable_village()->set_district_code(r[0][0].c_str());
        }
        return out;
      });
}

absl::StatusOr<std::vector<pwis::v1::District>> DistrictsStore::List(
    bool with_geometry, const CallLimit& limit) {
  using Districts = std::vector<pwis::v1::District>;
  return pool_->Run<Districts>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<Districts> {
        c.Prepare("district_list", kListSql);
        pqxx::nontransaction tx(c.conn());
        Districts out;
        for (const auto& row :
             tx.exec_prepared("district_list", with_geometry)) {
          pwis::v1::District& d = out.emplace_back();
          d.set_code(row[0].c_str());
          d.mutable_name()->set_zh_tw(row[1].c_str());
          d.mutable_name()->set_en(row[2].c_str());
          if (with_geometry && !row[3].is_null()) {
            FillGeoJson(row[3], d.mutable_geometry());
          }
        }
        return out;
      });
}

absl::StatusOr<std::string> DistrictsStore::ListGeoJson(
    const CallLimit& limit) {
  return pool_->Run<std::string>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<std::string> {
        c.Prepare("district_geojson", kGeoJsonSql);
        pqxx::nontransaction tx(c.conn());
        pqxx::result r = tx.exec_prepared("district_geojson");
        return std::string(r[0][0].c_str());
      });
}

absl::StatusOr<std::optional<std::string>> DistrictsStore::Resolve(
    const std::string& key, const CallLimit& limit) {
  using Result = std::optional<std::string>;
  return pool_->Run<Result>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<Result> {
        c.Prepare("district_resolve", kResolveSql);
        pqxx::nontransaction tx(c.conn());
        pqxx::result r = tx.exec_prepared("district_resolve", key);
        if (r.empty()) return Result();
        return Result(r[0][0].c_str());
      });
}

}  // namespace pwis::store
