// pwis-import end to end: the binary, real fixture files, a real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
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
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures =
    std::string(PWIS_SOURCE_DIR) + "/tests/fixtures/import/";

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr: rejects, progress, summary
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ =
        std::filesystem::temp_directory_path() /
        absl::StrCat(
            "pwis-import-test-", ::getpid(), "-",
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(work_);
  }
  void TearDown() override { std::filesystem::remove_all(work_); }

  Outcome Import(const std::vector<std::string>& args,
                 const std::string& env = "") {
    const std::string log = (work_ / "stderr.txt").string();
    std::vector<std::string> quoted;
    for (const auto& a : args) quoted.push_back(Quote(a));
    const std::string cmd =
        absl::StrCat(env, " ", Quote(PWIS_IMPORT_BINARY),
                     " --database_url=", Quote(db_.url()), " ",
                     absl::StrJoin(quoted, " "), " >", Quote(log), " 2>&1");
    Outcome o;
    const int status = std::system(cmd.c_str());
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    o.output = text.str();
    return o;
  }
  std::string Q(const std::string& sql) { return db_.QueryValue(sql); }

  TestDatabase db_;
  std::filesystem::path work_;
};

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
  ASSERT_EQ(Import({"--profile", "generic-roadworks-geojson",
                    "--allow-rejects",
                    kFixtures + "generic_roadworks.geojson"})
                .exit_code,
            0);
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-roadworks-geojson",
                      "--full-snapshot", "--reject-file", rejects,
                      kFixtures + "duplicate_and_keyless.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("3 read = 0 inserted + 0 updated + 1 "
                                  "unchanged + 2 rejected; 0 marked deleted"));
  EXPECT_THAT(o.output, HasSubstr("have no key; not marking anything"));
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
  EXPECT_THAT(help.output, HasSubstr("generic-roadworks-geojson  road works exported"));
  EXPECT_THAT(help.output, HasSubstr("taipei-roadworks-geojson"));
}

}  // namespace
}  // namespace pwis::testing
