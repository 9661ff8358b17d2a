#include "tests/support/seed_permits.h"

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace pwis::testing {

int64_t InsertAgency(TestDatabase& db, const AgencySpec& s) {
  pqxx::connection c(db.url());
  pqxx::work tx(c);
  pqxx::result r = tx.exec_params(
      "INSERT INTO pipeline_agencies (code, name_zh, name_en, pipeline_type, "
      "public_phone, dig_notice_phone) VALUES ($1, $2, $3, "
      "$4::pipeline_type, $5, $6) RETURNING id",
      s.code, s.name_zh, s.name_en, s.pipeline_type, s.public_phone,
      s.dig_notice_phone);
  tx.commit();
  return r[0][0].as<int64_t>();
}

int64_t InsertPermit(TestDatabase& db, const PermitSpec& s) {
  // The path from "applied" to each status.
  static const std::map<std::string, std::vector<std::string>> kPath = {
      {"applied", {}},
      {"approved", {"approved"}},
      {"in_progress", {"approved", "in_progress"}},
      {"backfilled", {"approved", "in_progress", "backfilled"}},
      {"completed", {"approved", "in_progress", "backfilled", "completed"}},
      {"rejected", {"rejected"}},
      {"cancelled", {"cancelled"}},
      {"revoked", {"approved", "revoked"}},
  };
  pqxx::connection c(db.url());
  pqxx::work tx(c);
  std::string roads = absl::StrCat("{", absl::StrJoin(s.road_names, ","), "}");
  pqxx::result r = tx.exec_params(
      R"sql(
      INSERT INTO excavation_permits (permit_no, agency_id, pipeline_type,
        category, purpose, contractor, contractor_phone, road_names,
        district_code, geom, approved_period, extension_period, work_start,
        work_end, deleted_at, source, dug_carriageway_m, location)
      SELECT $1, $2, $3::pipeline_type, $4::permit_category, $5, $6, $7,
             $8::text[],
             coalesce(nullif($9, ''),
                      (SELECT code FROM districts
                       WHERE ST_Intersects(geom, ST_PointOnSurface(g)) LIMIT 1)),
             g, $11::tstzrange, nullif($12, '')::tstzrange,
             nullif($13, '')::time, nullif($14, '')::time,
             CASE WHEN $15 THEN now() END, 'test', 12.5, $17
      FROM (SELECT CASE WHEN NOT $16 THEN ST_GeomFromText($10, 4326) END
                   AS g) s
      RETURNING id)sql",
      s.permit_no, s.agency_id, s.pipeline_type, s.category, s.purpose,
      s.contractor, s.contractor_phone, roads, s.district_code, s.wkt,
      s.approved, s.extension.value_or(""), s.work_start.value_or(""),
      s.work_end.value_or(""), s.deleted, s.unplaced, s.location);
  int64_t id = r[0][0].as<int64_t>();
  for (const std::string& step : kPath.at(s.status)) {
    tx.exec_params(
        "UPDATE excavation_permits SET status = $1::permit_status WHERE id = "
        "$2",
        step, id);
  }
  tx.commit();
  return id;
}

int64_t InsertNoDigZone(TestDatabase& db, const NoDigZoneSpec& s) {
  pqxx::connection c(db.url());
  pqxx::work tx(c);
  std::string roads = absl::StrCat("{", absl::StrJoin(s.road_names, ","), "}");
  pqxx::result r = tx.exec_params(
      R"sql(
      INSERT INTO no_dig_zones (zone_no, reason, description_zh,
        description_en, road_names, district_code, geom, period, authority_zh,
        authority_phone, deleted_at, source)
      SELECT $1, $2::no_dig_reason, $3, $4, $5::text[],
             (SELECT code FROM districts
              WHERE ST_Intersects(geom, ST_PointOnSurface(g)) LIMIT 1),
             g, $7::tstzrange, $8, $9, CASE WHEN $10 THEN now() END, 'test'
      FROM (SELECT ST_GeomFromText($6, 4326) AS g) s
      RETURNING id)sql",
      s.zone_no, s.reason, s.description_zh, s.description_en, roads, s.wkt,
      s.period, s.authority_zh, s.authority_phone, s.deleted);
  tx.commit();
  return r[0][0].as<int64_t>();
}

int64_t InsertNetwork(TestDatabase& db, const NetworkSpec& s) {
  pqxx::connection c(db.url());
  pqxx::work tx(c);
  pqxx::result r = tx.exec_params(
      R"sql(
      INSERT INTO utility_networks (agency_id, name, kind, width_m,
        district_code, geom, deleted_at, source)
      SELECT $1, $2, $3::network_kind, $4,
             (SELECT code FROM districts
              WHERE ST_Intersects(geom, ST_PointOnSurface(g)) LIMIT 1),
             g, CASE WHEN $6 THEN now() END, 'test'
      FROM (SELECT ST_GeomFromText($5, 4326) AS g) s
      RETURNING id)sql",
      s.agency_id, s.name, s.kind, s.width_m, s.wkt, s.deleted);
  tx.commit();
  return r[0][0].as<int64_t>();
}

}  // namespace pwis::testing
