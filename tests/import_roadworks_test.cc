// pwis-import end to end: the binary, real fixture files, a real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/support/import_fixture.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST_F(ImportTest, GenericGeoJsonLoadsTheGoodAndRejectsTheRest) {
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-roadworks-geojson", "--reject-file",
                      rejects, kFixtures + "generic_roadworks.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;  // rejects, no --allow-rejects
  EXPECT_THAT(o.output, HasSubstr("8 read = 5 inserted + 0 updated + 0 "
                                  "unchanged + 3 rejected"));
  EXPECT_THAT(o.output, HasSubstr("axes swapped 1"));
  EXPECT_THAT(o.output, HasSubstr("geometries repaired 1"));
  EXPECT_EQ(Q("SELECT string_agg(source_key, ',' ORDER BY source_key) FROM "
              "road_works WHERE source = 'agency-export'"),
            "G-1,G-2,G-3,G-7,G-8");

  // Dates: Taipei days; a written last day is worked to its end.
  EXPECT_EQ(Q("SELECT lower(period) AT TIME ZONE 'Asia/Taipei' || ' ' || "
              "(upper(period) AT TIME ZONE 'Asia/Taipei') FROM road_works "
              "WHERE source_key = 'G-1'"),
            "2026-08-10 00:00:00 2026-09-08 00:00:00");
  EXPECT_EQ(Q("SELECT upper_inf(period) FROM road_works WHERE source_key = "
              "'G-2'"),
            "t");
  EXPECT_EQ(Q("SELECT import_file || ' ' || import_record || ' ' || "
              "(district_code IS NOT NULL) FROM road_works WHERE source_key "
              "= 'G-7'"),
            "generic_roadworks.geojson 7 true");
  EXPECT_EQ(Q("SELECT array_to_string(road_names, '|') FROM road_works WHERE "
              "source_key = 'G-1'"),
            "中山二路|四維三路");
  // Points are road works now; swapped axes were put right.
  EXPECT_EQ(Q("SELECT GeometryType(geom) FROM road_works WHERE source_key = "
              "'G-2'"),
            "POINT");
  EXPECT_EQ(Q("SELECT ST_Equals(a.geom, b.geom) FROM road_works a, road_works "
              "b WHERE a.source_key = 'G-1' AND b.source_key = 'G-3'"),
            "t");
  EXPECT_EQ(Q("SELECT GeometryType(geom) || ' ' || ST_IsValid(geom) FROM "
              "road_works WHERE source_key = 'G-7'"),
            "MULTIPOLYGON true");
  // Full-width keys and numbers are stored half-width.
  EXPECT_EQ(Q("SELECT permit_number FROM road_works WHERE source_key = "
              "'G-8'"),
            "KH1150008");

  std::ifstream in(rejects);
  std::stringstream text;
  text << in.rdbuf();
  const std::string r = text.str();
  EXPECT_THAT(r, HasSubstr("\"record\":4,\"source_key\":\"G-4\",\"field\":"
                           "\"start\""));
  EXPECT_THAT(r, HasSubstr("no such day"));
  EXPECT_THAT(r, HasSubstr("\"record\":5,\"source_key\":\"G-5\",\"field\":"
                           "\"geometry\",\"reason\":\"outside Kaohsiung"));
  EXPECT_THAT(r, HasSubstr("\"record\":6,\"source_key\":\"G-6\",\"field\":"
                           "\"title\""));
  EXPECT_THAT(r, HasSubstr("\"raw\":{\"id\":\"G-4\""));
  EXPECT_EQ(std::count(r.begin(), r.end(), '\n'), 3);

  EXPECT_EQ(Import({"--profile", "generic-roadworks-geojson", "--allow-rejects",
                    kFixtures + "generic_roadworks.geojson"})
                .exit_code,
            0);
}

TEST_F(ImportTest, SecondRunChangesNothing) {
  const std::vector<std::string> args = {
      "--profile", "generic-roadworks-geojson", "--allow-rejects",
      kFixtures + "generic_roadworks.geojson"};
  ASSERT_EQ(Import(args).exit_code, 0);
  const std::string before =
      Q("SELECT string_agg(source_key || updated_at, ',' ORDER BY id) FROM "
        "road_works");
  Outcome again = Import(args);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.output, HasSubstr("8 read = 0 inserted + 0 updated + 5 "
                                      "unchanged + 3 rejected"));
  EXPECT_EQ(Q("SELECT string_agg(source_key || updated_at, ',' ORDER BY id) "
              "FROM road_works"),
            before);
}

TEST_F(ImportTest, DryRunWritesNothing) {
  Outcome o = Import({"--profile", "generic-roadworks-geojson", "--dry-run",
                      "--allow-rejects", "--full-snapshot",
                      kFixtures + "generic_roadworks.geojson"});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("dry run, nothing written"));
  EXPECT_THAT(o.output, HasSubstr("5 inserted"));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "0");
}

TEST_F(ImportTest, FullSnapshotMarksTheMissingDeleted) {
  ASSERT_EQ(Import({"--profile", "generic-roadworks-geojson", "--allow-rejects",
                    kFixtures + "generic_roadworks.geojson"})
                .exit_code,
            0);
  // A dry run says what would go, and leaves it.
  Outcome dry =
      Import({"--profile", "generic-roadworks-geojson", "--full-snapshot",
              "--dry-run", kFixtures + "only_g1.geojson"});
  EXPECT_THAT(dry.output, HasSubstr("4 marked deleted"));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works WHERE deleted_at IS NULL"), "5");

  Outcome o = Import({"--profile", "generic-roadworks-geojson",
                      "--full-snapshot", kFixtures + "only_g1.geojson"});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("1 read = 0 inserted + 0 updated + 1 "
                                  "unchanged + 0 rejected; 4 marked deleted"));
  EXPECT_EQ(Q("SELECT string_agg(source_key, ',' ORDER BY source_key) FROM "
              "road_works WHERE deleted_at IS NULL"),
            "G-1");
  // Back in the next full snapshot: undeleted, counted as updated.
  Outcome back =
      Import({"--profile", "generic-roadworks-geojson", "--full-snapshot",
              "--allow-rejects", kFixtures + "generic_roadworks.geojson"});
  EXPECT_THAT(back.output, HasSubstr("0 inserted + 4 updated + 1 unchanged"));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works WHERE deleted_at IS NULL"), "5");
}

// A key twice in a run is a reject, not a silent overwrite; a snapshot
// with records that lack their key (a renamed column) deletes nothing.
TEST_F(ImportTest, DuplicateAndMissingKeys) {
  ASSERT_EQ(Import({"--profile", "generic-roadworks-geojson", "--allow-rejects",
                    kFixtures + "generic_roadworks.geojson"})
                .exit_code,
            0);
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-roadworks-geojson",
                      "--full-snapshot", "--reject-file", rejects,
                      kFixtures + "duplicate_and_keyless.geojson"});
  // Exit 5: the snapshot's deletions were skipped, which a cron job must
  // see.
  EXPECT_EQ(o.exit_code, 5) << o.output;
  EXPECT_THAT(o.output, HasSubstr("3 read = 0 inserted + 0 updated + 1 "
                                  "unchanged + 2 rejected; 0 marked deleted"));
  EXPECT_THAT(o.output, HasSubstr("have no key or unreadable text; not "
                                  "marking anything"));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works WHERE deleted_at IS NULL"), "5");
  EXPECT_EQ(Q("SELECT title FROM road_works WHERE source_key = 'G-1'"),
            "中山二路 人孔改善");
  std::ifstream in(rejects);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("\"record\":2,\"source_key\":\"G-1\","
                                    "\"field\":\"source_key\",\"reason\":"
                                    "\"duplicate (first at "));
  EXPECT_THAT(text.str(), HasSubstr("\"record\":3,\"source_key\":\"\""));
}

TEST_F(ImportTest, TaipeiLayoutInUndeclaredTwd97) {
  Outcome o = Import({"--profile", "taipei-roadworks-geojson",
                      kFixtures + "taipei_layout.geojson"});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("2 read = 2 inserted"));
  EXPECT_THAT(o.output, HasSubstr("axes swapped 1"));
  // Within a metre of where the WGS84 fixture puts the same street.
  EXPECT_EQ(Q("SELECT ST_Distance(geom_tm2, ST_Transform(ST_SetSRID("
              "ST_MakePoint(120.3150, 22.6213), 4326), 3826)) < 1 FROM "
              "road_works WHERE source_key = '11308170001'"),
            "t");
  EXPECT_EQ(Q("SELECT ST_Distance(geom_tm2, ST_Transform(ST_SetSRID("
              "ST_MakePoint(120.3570, 22.6310), 4326), 3826)) < 1 FROM "
              "road_works WHERE source_key = '11308170002'"),
            "t");
  EXPECT_EQ(Q("SELECT lower(period) AT TIME ZONE 'Asia/Taipei' FROM "
              "road_works WHERE source_key = '11308170002'"),
            "2026-08-01 00:00:00");
  EXPECT_EQ(Q("SELECT organiser || '/' || contractor FROM road_works WHERE "
              "source_key = '11308170001'"),
            "台灣電力公司/大高雄營造");
}

TEST_F(ImportTest, Twd67ControlPointLandsWithinFiveMetres) {
  // A profile naming TWD67, as one must (ranges cannot tell it).
  const std::filesystem::path profiles = work_ / "profiles";
  std::filesystem::create_directories(profiles);
  std::ofstream(profiles / "test-twd67.textproto")
      << "name: \"test-twd67\" description: \"TWD67 test\" target: "
         "ROAD_WORKS source: \"twd67\" geometry { crs: \"EPSG:3828\" } "
         "field { to: \"source_key\" from: \"id\" } field { to: \"title\" "
         "from: \"title\" } field { to: \"start\" from: \"start\" }";
  Outcome o =
      Import({"--profile", "test-twd67", kFixtures + "twd67_point.geojson"},
             "PWIS_IMPORT_PROFILES=" + Quote(profiles.string()));
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_EQ(Q("SELECT ST_Distance(geom_tm2, ST_SetSRID(ST_MakePoint(179000, "
              "2502000), 3826)) < 5 FROM road_works WHERE source_key = "
              "'T67-1'"),
            "t");
}

TEST_F(ImportTest, UnreadableFilesLoadNothingAndSayWhy) {
  for (const std::string& bad :
       {kFixtures + "truncated.geojson", std::string("/dev/null")}) {
    Outcome o = Import({"--profile", "generic-roadworks-geojson", bad});
    EXPECT_EQ(o.exit_code, 3) << bad << ": " << o.output;
    EXPECT_THAT(o.output, HasSubstr(bad));
  }
  const std::filesystem::path garbage = work_ / "garbage.geojson";
  {
    std::ofstream out(garbage, std::ios::binary);
    for (int i = 0; i < 100000; ++i) out.put(static_cast<char>(i * 7919 % 256));
  }
  Outcome o =
      Import({"--profile", "generic-roadworks-geojson", garbage.string()});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "0");
  // A good file beside a bad one still loads; the bad one is named.
  o = Import({"--profile", "generic-roadworks-geojson", "--allow-rejects",
              kFixtures + "truncated.geojson",
              kFixtures + "generic_roadworks.geojson"});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "5");
}

TEST_F(ImportTest, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(
      Import({"--profile", "no-such", kFixtures + "only_g1.geojson"}).exit_code,
      2);
  EXPECT_EQ(Import({"--profile", "generic-roadworks-geojson"}).exit_code, 2);
  EXPECT_EQ(Import({"--profile", "generic-roadworks-geojson",
                    "/no/such/file.geojson"})
                .exit_code,
            2);
  // --help lists the profiles with their descriptions.
  Outcome help = Import({"--help"});
  EXPECT_THAT(help.output,
              HasSubstr("generic-roadworks-geojson  road works exported"));
  EXPECT_THAT(help.output, HasSubstr("taipei-roadworks-geojson"));
}

// Kaohsiung's record-style JSON: one record per point, grouped into one
// multi-point work per permit; the quirks of the feed on the way.
TEST_F(ImportTest, KaohsiungJsonGroupsPointsPerPermit) {
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "kaohsiung-roadworks-json", "--reject-file",
                      rejects, kFixtures + "kaohsiung_roadworks.json"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("8 read = 3 inserted + 0 updated + 0 "
                                  "unchanged + 3 rejected + 2 grouped"));
  EXPECT_THAT(o.output, HasSubstr("axes swapped 1"));
  // Three records of one permit, two distinct points: one multi-point.
  EXPECT_EQ(Q("SELECT GeometryType(geom) || ' ' || ST_NumGeometries(geom) || "
              "' ' || import_record FROM road_works WHERE source_key = "
              "'KH1150810001'"),
            "MULTIPOINT 2 1");
  // A one-day period; a full-width permit number; a mobile number kept
  // out of the public column.
  EXPECT_EQ(Q("SELECT (lower(period) AT TIME ZONE 'Asia/Taipei') || ' ' || "
              "(upper(period) AT TIME ZONE 'Asia/Taipei') || ' ' || "
              "contact_phone || '|' || restricted_phone FROM road_works WHERE "
              "source_key = 'KH1150811002'"),
            "2026-08-11 00:00:00 2026-08-12 00:00:00 |0912-345-678");
  EXPECT_EQ(Q("SELECT contact_phone || '|' || restricted_phone || '|' || "
              "organiser FROM road_works WHERE source_key = 'KH1150810001'"),
            "07-3312345||高雄市政府工務局");
  EXPECT_EQ(Q("SELECT lower(period) AT TIME ZONE 'Asia/Taipei' FROM "
              "road_works WHERE source_key = 'KH1150812005'"),
            "2026-08-12 00:00:00");
  std::ifstream in(rejects);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("\"record\":5,\"source_key\":"
                                    "\"KH1150812003\",\"field\":\"period\""));
  EXPECT_THAT(text.str(), HasSubstr("\"record\":6,\"source_key\":"
                                    "\"KH1150812004\",\"field\":\"title\""));
  EXPECT_THAT(text.str(), HasSubstr("\"record\":8,\"source_key\":"
                                    "\"KH1150812006\",\"field\":\"geometry\","
                                    "\"reason\":\"outside Kaohsiung"));
  // Again: nothing changes.
  Outcome again =
      Import({"--profile", "kaohsiung-roadworks-json", "--allow-rejects",
              kFixtures + "kaohsiung_roadworks.json"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("0 inserted + 0 updated + 3 unchanged"));
}

// A layout of one's own is a profile and nothing else: here an XML feed
// of road works with TWD97 coordinates in two elements.
TEST_F(ImportTest, XmlLayoutThroughAProfileOfItsOwn) {
  const std::filesystem::path profiles = work_ / "profiles";
  std::filesystem::create_directories(profiles);
  std::ofstream(profiles / "test-xml.textproto")
      << "name: \"test-xml\" description: \"XML test\" target: ROAD_WORKS "
         "source: \"xml-agency\" reader { format: \"xml-records\" records: "
         "\"Work\" } geometry { crs: \"EPSG:3826\" x_field: \"X\" y_field: "
         "\"Y\" } field { to: \"source_key\" from: \"No\" } field { to: "
         "\"title\" from: \"Place\" } field { to: \"period\" from: \"When\" }";
  const std::string feed = (work_ / "works.xml").string();
  std::ofstream(feed)
      << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Works>\n"
         "<Work><No>X-1</No><Place>中正四路</Place><When>115/08/10~115/08/20"
         "</When><X>179000</X><Y>2502000</Y></Work>\n"
         "<Work><No>X-2</No><Place>五福三路</Place><When>115/08/10</When>"
         "<X>abc</X><Y>2502000</Y></Work>\n</Works>\n";
  Outcome o = Import({"--profile", "test-xml", feed},
                     "PWIS_IMPORT_PROFILES=" + Quote(profiles.string()));
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("2 read = 1 inserted + 0 updated + 0 "
                                  "unchanged + 1 rejected"));
  EXPECT_THAT(o.output, HasSubstr("record 2: geometry: \"abc\", \"2502000\": "
                                  "not coordinates"));
  EXPECT_EQ(Q("SELECT ST_Distance(geom_tm2, ST_SetSRID(ST_MakePoint(179000, "
              "2502000), 3826)) < 0.01 FROM road_works WHERE source_key = "
              "'X-1'"),
            "t");
}

TEST_F(ImportTest, CsvWithAWktColumn) {
  const std::string csv = (work_ / "works.csv").string();
  std::ofstream(csv)
      << "id,title,start,end,lanes_closed,lanes_total,full_closure,"
         "work_start,work_end,wkt\n"
         "C-1,中華四路,115/08/10,115/08/12,1,2,是,9:00,17:00,\"LINESTRING "
         "(120.3150 22.6213, 120.3165 22.6213)\"\n"
         "C-2,一心二路,115/08/10,,,,,,,\"POINT (179000 2502000)\"\n"
         "C-3,壞的,115/08/10,,,,,,,\"LINESTRING (oops)\"\n"
         "C-4,也壞,115/08/10,,,,maybe,,,\"POINT (179000 2502000)\"\n"
         "C-5,也壞,115/08/10,,,,,09:00,,\"POINT (179000 2502000)\"\n";
  Outcome o = Import({"--profile", "generic-roadworks-csv", csv});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("5 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 3 rejected"));
  EXPECT_THAT(o.output, HasSubstr("record 3: geometry: wkt: not WKT"));
  EXPECT_THAT(o.output, HasSubstr("record 4: full_closure: \"maybe\": not "
                                  "true or false"));
  EXPECT_THAT(o.output, HasSubstr("record 5: work_end: daily hours need both"));
  // TWD97 metres in the WKT were told from the numbers.
  EXPECT_EQ(Q("SELECT ST_Distance(geom_tm2, ST_SetSRID(ST_MakePoint(179000, "
              "2502000), 3826)) < 0.01 FROM road_works WHERE source_key = "
              "'C-2'"),
            "t");
  EXPECT_EQ(Q("SELECT lanes_closed || '/' || lanes_total || ' ' || "
              "full_closure || ' ' || work_start || '-' || work_end FROM "
              "road_works WHERE source_key = 'C-1'"),
            "1/2 true 09:00:00-17:00:00");
  // --source: the same layout from another publisher is rows of its own.
  Outcome other = Import({"--profile", "generic-roadworks-csv", "--source",
                          "other-agency", "--allow-rejects", csv});
  EXPECT_EQ(other.exit_code, 0) << other.output;
  EXPECT_THAT(other.output, HasSubstr("2 inserted"));
  EXPECT_EQ(Q("SELECT count(DISTINCT source) FROM road_works WHERE "
              "source_key = 'C-1'"),
            "2");
  EXPECT_EQ(Import({"--profile", "generic-roadworks-csv", "--source",
                    "Bad Source;", csv})
                .exit_code,
            2);
  EXPECT_EQ(
      Import({"--profile", "generic-roadworks-csv", "--source", "manual", csv})
          .exit_code,
      2);
}

// A record the database itself refuses (here a check this test adds)
// is found by halving the file's upsert, rejected with the database's
// reason, and every other record of the file still lands.
TEST_F(ImportTest, RecordTheDatabaseRefusesIsIsolated) {
  Q("ALTER TABLE road_works ADD CONSTRAINT test_refuse CHECK (title <> "
    "'自相交的施工範圍')");
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-roadworks-geojson", "--reject-file",
                      rejects, kFixtures + "generic_roadworks.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("8 read = 4 inserted + 0 updated + 0 "
                                  "unchanged + 4 rejected"));
  EXPECT_EQ(Q("SELECT string_agg(source_key, ',' ORDER BY source_key) FROM "
              "road_works"),
            "G-1,G-2,G-3,G-8");
  std::ifstream in(rejects);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("\"record\":7,\"source_key\":\"G-7\","
                                    "\"field\":\"record\""));
  EXPECT_THAT(text.str(), HasSubstr("test_refuse"));
  EXPECT_THAT(text.str(), HasSubstr("\"geometry_wkt_wgs84\":\"MULTIPOLYGON"));

  // The refused key was not loaded: a later file of the same run may
  // bring it, and it is not a "duplicate".
  const std::string fixed = (work_ / "g7_fixed.geojson").string();
  std::ofstream(fixed)
      << "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
         "\"Feature\", \"properties\": {\"id\": \"G-7\", \"title\": "
         "\"修正後的施工範圍\", \"start\": \"115/08/10\"}, \"geometry\": "
         "{\"type\": \"Point\", \"coordinates\": [120.3160, 22.6220]}}]}";
  Outcome both =
      Import({"--profile", "generic-roadworks-geojson", "--allow-rejects",
              kFixtures + "generic_roadworks.geojson", fixed});
  EXPECT_EQ(both.exit_code, 0) << both.output;
  EXPECT_THAT(both.output, HasSubstr("9 read = 1 inserted + 0 updated + 4 "
                                     "unchanged + 4 rejected"));
  EXPECT_EQ(Q("SELECT title FROM road_works WHERE source_key = 'G-7'"),
            "修正後的施工範圍");
}

// Killed half-way through a file: the files committed before stay, the one
// being loaded leaves nothing; a re-run completes the job. The second file
// comes through a pipe that the test holds open half-written, so the kill
// lands mid-file whatever the machine's speed.
TEST_F(ImportTest, KillMidImportLeavesWholeFilesOnly) {
  std::string body = "{\"Data\": [";
  for (int i = 1; i <= 4000; ++i) {
    absl::StrAppend(&body, i > 1 ? ",\n" : "", "{\"pmtNo\": \"K-", i,
                    "\", \"cnstRoad\": \"中山二路\", \"cnstDate\": "
                    "\"115/08/10~115/09/07\", \"lat\": \"",
                    22.62 + (i % 100) * 0.0001, "\", \"lng\": \"",
                    120.31 + (i / 100) * 0.0001, "\"}");
  }
  const size_t half = body.size() / 2;
  body += "]}";
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(pipe_fds[0], 0);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    const std::string url = "--database_url=" + db_.url();
    ::execl(PWIS_IMPORT_BINARY, PWIS_IMPORT_BINARY, "--profile",
            "kaohsiung-roadworks-json", url.c_str(),
            (kFixtures + "kaohsiung_roadworks.json").c_str(), "-",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  // A child that died early must fail the test, not kill it.
  ::signal(SIGPIPE, SIG_IGN);
  ASSERT_EQ(::write(pipe_fds[1], body.data(), half),
            static_cast<ssize_t>(half));
  // Kill it once the first file is committed and the second is streaming.
  bool streaming = false;
  for (int i = 0; i < 1200 && !streaming; ++i) {
    ::usleep(50 * 1000);
    streaming =
        Q("SELECT count(*) FROM road_works WHERE source_key = "
          "'KH1150810001'") == "1" &&
        Q("SELECT count(*) FROM pg_stat_activity WHERE "
          "application_name = 'pwis-import' AND query LIKE 'COPY%'") == "1";
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(pipe_fds[1]);
  ASSERT_TRUE(streaming) << "the import never reached the second file";
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works WHERE source_key LIKE 'K-%'"),
            "0");
  EXPECT_EQ(Q("SELECT count(*) FROM road_works WHERE source_key LIKE 'KH%'"),
            "3");
  const std::string whole = (work_ / "whole.json").string();
  std::ofstream(whole) << body;
  Outcome again =
      Import({"--profile", "kaohsiung-roadworks-json", "--allow-rejects",
              kFixtures + "kaohsiung_roadworks.json", whole});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("4008 read = 4000 inserted + 0 "
                                      "updated + 3 unchanged"));
}

// Files that end early or are not what they claim: a clear error, nothing
// of that file loaded.
TEST_F(ImportTest, HostileFilesEndWithAClearError) {
  // A record-style feed cut after 2,000 records (several batches' worth).
  const std::string cut = (work_ / "cut.json").string();
  {
    std::ofstream out(cut);
    out << "{\"Data\": [";
    for (int i = 1; i <= 2000; ++i) {
      out << (i > 1 ? "," : "") << "{\"pmtNo\": \"T-" << i
          << "\", \"cnstRoad\": \"中山二路\", \"cnstDate\": \"115/08/10\", "
             "\"lat\": \"22.6213\", \"lng\": \"120.3150\"}";
    }
    out << ",{\"pmtNo\": \"T-2001\", \"cnstRo";
  }
  Outcome o = Import({"--profile", "kaohsiung-roadworks-json", cut});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("truncated?"));
  EXPECT_THAT(o.output, HasSubstr("nothing of"));
  EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "0");

  // A CSV whose second line is 2 GiB long (a sparse file: no disk used).
  // Not under AddressSanitizer: its realloc copies on every growth of
  // GDAL's line buffer, minutes before GDAL's line limit is reached (the
  // optimised build's run covers this path).
  if (!kSanitized) {
    const std::string wide = (work_ / "wide.csv").string();
    {
      std::ofstream out(wide, std::ios::binary);
      out << "id,title,start,wkt\nW-1,";
    }
    std::filesystem::resize_file(wide, (2ull << 30) + 64);
    {
      std::ofstream out(wide, std::ios::binary | std::ios::app);
      out << ",115/08/10,\"POINT (120.3150 22.6213)\"\n";
    }
    o = Import({"--profile", "generic-roadworks-csv", wide});
    EXPECT_EQ(o.exit_code, 3) << o.output;
    EXPECT_THAT(o.output, HasSubstr("Maximum number of characters"));
    EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "0");
  }

  // The first part of a zip bomb: a GeoJSON member of 512 MiB of spaces
  // (deflated about a thousand to one), cut after 256 KiB.
  const std::string bomb = (work_ / "bomb.zip").string();
  const std::string make = absl::StrCat(
      "python3 -c \"import zipfile\n"
      "with zipfile.ZipFile('",
      bomb,
      "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "  with z.open('bomb.geojson', 'w', force_zip64=True) as f:\n"
      "    f.write(b'{\\\"type\\\": \\\"FeatureCollection\\\", "
      "\\\"features\\\": [')\n"
      "    for i in range(512): f.write(b' ' * (1 << 20))\n\"");
  ASSERT_EQ(std::system(make.c_str()), 0) << make;
  ASSERT_GT(std::filesystem::file_size(bomb), 256u << 10);
  std::filesystem::resize_file(bomb, 256u << 10);
  o = Import({"--profile", "generic-roadworks-geojson", bomb});
  EXPECT_NE(o.exit_code, 0) << o.output;
  EXPECT_NE(o.exit_code, 1) << o.output;
  EXPECT_EQ(Q("SELECT count(*) FROM road_works"), "0");
}

}  // namespace
}  // namespace pwis::testing
