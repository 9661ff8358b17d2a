// The map widget in a real browser: seeds road works, permits, a no-dig
// zone and projects into a private database, serves them with an
// in-process pwis server (gRPC + the HTTP front with the built widget), and
// runs tests/browser/widget.test.mjs (playwright-core driving Debian's
// Chromium) against it; licenses come through pwis-import. Screenshots go to
// PWIS_TEST_OUTPUT (default <build>/test-output/widget).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/support/import_fixture.h"
#include "tests/support/seed_permits.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

// Today + `days` in Asia/Taipei, as a tstzrange bound ("YYYY-MM-DD 00:00+08").
std::string Day(TestDatabase& db, int days) {
  return db.QueryValue(
             absl::StrCat("SELECT ((now() AT TIME ZONE 'Asia/Taipei')::date + ",
                          days, ")::text")) +
         " 00:00+08";
}

std::string Range(TestDatabase& db, int from, int to) {
  return absl::StrCat("[", Day(db, from), ",", Day(db, to), ")");
}

// A short east-west line at (lng, lat).
std::string Line(double lng, double lat) {
  return absl::StrFormat("LINESTRING(%.6f %.6f, %.6f %.6f)", lng, lat,
                         lng + 0.0025, lat);
}

void Seed(TestDatabase& db) {
  // Road works: five today (one closing the road, two closing lanes),
  // three starting in three days (seen only in "next 7 days").
  const char* titles[] = {"中山一路人孔下地", "五福三路路面修補",
                          "七賢二路管線更新", "民生二路排水改善",
                          "成功一路號誌更新"};
  for (int i = 0; i < 5; ++i) {
    RoadWorkSpec w;
    w.title = titles[i];
    w.wkt = Line(120.2960 + 0.006 * i, 22.6290 - 0.002 * i);
    w.period = Range(db, -2, 5);
    int64_t id = InsertRoadWork(db, w);
    if (i == 0) {
      db.Exec(absl::StrCat(
          "UPDATE road_works SET full_closure = true, organiser = "
          "'高雄市政府工務局養護工程處', contractor = '大發營造有限公司', "
          "contact_phone = '07-3368333' WHERE id = ",
          id));
    } else if (i >= 3) {
      db.Exec(absl::StrCat("UPDATE road_works SET lanes_closed = 0 WHERE id = ",
                           id));
    }
  }
  for (int i = 0; i < 3; ++i) {
    RoadWorkSpec w;
    w.title = absl::StrCat("下週施工", i + 1);
    w.wkt = Line(120.2990 + 0.006 * i, 22.6240);
    w.period = Range(db, 3, 10);
    w.status = "planned";
    InsertRoadWork(db, w);
  }
  // Permits of three pipeline types, all today.
  const char* types[] = {"electric", "water", "telecom"};
  const char* names[] = {"台灣電力公司高雄區營業處",
                         "台灣自來水公司第七區管理處", "中華電信高雄營運處"};
  const char* codes[] = {"TPC-KH", "TWC-7", "CHT-KH"};
  for (int t = 0; t < 3; ++t) {
    AgencySpec a;
    a.code = codes[t];
    a.name_zh = names[t];
    a.name_en = absl::StrCat("Agency ", codes[t]);
    a.pipeline_type = types[t];
    int64_t agency = InsertAgency(db, a);
    for (int i = 0; i < 2; ++i) {
      PermitSpec p;
      p.permit_no = absl::StrFormat("K1150%d%03d", t + 1, i + 1);
      p.agency_id = agency;
      p.pipeline_type = types[t];
      p.wkt =
          absl::StrFormat("POINT(%.6f %.6f)", 120.2980 + 0.007 * i + 0.002 * t,
                          22.6320 - 0.003 * t);
      p.approved = Range(db, -1, 6);
      InsertPermit(db, p);
    }
  }
  NoDigZoneSpec z;
  z.wkt =
      "POLYGON((120.3120 22.6190, 120.3160 22.6190, 120.3160 22.6215, "
      "120.3120 22.6215, 120.3120 22.6190))";
  z.period = Range(db, -30, 300);
  InsertNoDigZone(db, z);
  // A zone may be a road line too.
  NoDigZoneSpec line;
  line.zone_no = "ND-2026-0002";
  line.wkt = "LINESTRING(120.2990 22.6200, 120.3040 22.6200)";
  line.period = Range(db, -30, 300);
  InsertNoDigZone(db, line);
  // Two projects, one behind schedule, with monthly reports.
  db.Exec(R"sql(
CREATE TEMP TABLE t AS SELECT (now() AT TIME ZONE 'Asia/Taipei')::date AS d;
INSERT INTO projects (project_no, name_zh, name_en, unit_code, category,
  status, location, road_names, geom, budget, contract_amount, change_orders,
  contractor, supervisor, designer, contract_start, planned_completion,
  extension_days, source, source_key) VALUES
 ('KH-NB-115-0001', '五福路人行道改善工程', 'Wufu Road Sidewalk Improvement',
  'NBO', 'road', 'tendering', '新興區五福二路', '{五福二路}',
  ST_SetSRID(ST_MakeLine(ST_MakePoint(120.3010, 22.6225),
                         ST_MakePoint(120.3080, 22.6225)), 4326),
  50000000, 42000000, '[]', '大成營造股份有限公司', '', '', NULL, NULL, 0,
  'test', 'w1'),
 ('KH-NB-115-0002', '苓雅運動園區整建', 'Lingya Sports Park Renewal', 'NBO',
  'park', 'tendering', '苓雅區', '{}',
  ST_Buffer(ST_SetSRID(ST_MakePoint(120.3050, 22.6345), 4326), 0.0012),
  80000000, 70000000, '[]', '榮工工程股份有限公司', '', '', NULL, NULL, 0,
  'test', 'w2');
UPDATE projects SET contract_start = (SELECT d - 300 FROM t),
  planned_completion = (SELECT d + 200 FROM t) WHERE source = 'test';
UPDATE projects SET status = 'under_construction' WHERE source = 'test';
INSERT INTO project_progress_reports (project_id, report_date, ad_hoc,
  planned_pct, actual_pct, paid_amount, lag_reason, photos)
SELECT p.id, t.d - 30 * (6 - m), false, 10 * m,
       CASE WHEN p.source_key = 'w1' THEN 10 * m ELSE 7 * m END, 0,
       CASE WHEN p.source_key = 'w2' AND m > 3 THEN '用地取得延宕' ELSE '' END,
       '[]'::jsonb
FROM projects p, t, generate_series(1, 6) m WHERE p.source = 'test';
)sql");
}

TEST(WidgetBrowserTest, WidgetPassesItsBrowserTests) {
  TestDatabase db;
  Seed(db);
  // Building licenses, as the search box finds them (persons masked).
  const std::string import_log =
      absl::StrCat("/tmp/pwis-widget-import-", getpid(), ".log");
  Outcome imported =
      RunImport(db.url(),
                {"--profile", "national-licenses-json", "--allow-rejects",
                 kFixtures + "national_licenses.json"},
                import_log);
  std::remove(import_log.c_str());
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  TestServer server(db.url());
  std::string out = std::getenv("PWIS_TEST_OUTPUT") != nullptr
                        ? std::getenv("PWIS_TEST_OUTPUT")
                        : std::string(PWIS_BINARY_DIR "/test-output/widget");
  std::string cmd = absl::StrCat(
      "cd '" PWIS_SOURCE_DIR "' && PWIS_URL=http://127.0.0.1:",
      server.http_port(), " PWIS_TEST_OUTPUT='", out,
      "' node --test --test-reporter=spec tests/browser/widget.test.mjs 2>&1");
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string log;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) log.append(buf, n);
  int rc = pclose(p);
  std::printf("%s", log.c_str());
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0)
      << "the browser tests failed (their output is above)";
}

}  // namespace
}  // namespace pwis::testing
