#include "tests/support/seed_roadworks.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace pwis::testing {

int64_t InsertRoadWork(TestDatabase& db, const RoadWorkSpec& s) {
  pqxx::connection c(db.url());
  pqxx::work tx(c);
  std::string roads = absl::StrCat("{", absl::StrJoin(s.road_names, ","), "}");
  pqxx::result r = tx.exec_params(
      R"sql(
      INSERT INTO road_works (title, road_names, district_code, geom, period,
                              work_start, work_end, status, source, deleted_at,
                              organiser, contractor, contact_phone, lanes_closed,
                              lanes_total)
      SELECT $1, $2::text[],
             coalesce(nullif($3, ''),
                      (SELECT code FROM districts
                       WHERE ST_Intersects(geom, ST_PointOnSurface(g)) LIMIT 1)),
             g, $5::tstzrange, nullif($6, '')::time, nullif($7, '')::time,
             $8::road_work_status, $9, CASE WHEN $10 THEN now() END,
             '高雄市政府工務局', '測試營造有限公司', '07-1234567', 1, 4
      FROM (SELECT ST_GeomFromText($4, 4326) AS g) s
      RETURNING id)sql",
      s.title, roads, s.district_code, s.wkt, s.period,
      s.work_start.value_or(""), s.work_end.value_or(""), s.status, s.source,
      s.deleted);
  tx.commit();
  return r[0][0].as<int64_t>();
}
}  // namespace pwis::testing
