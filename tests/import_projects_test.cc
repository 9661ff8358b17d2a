// pwis-import for public works projects end to end: a project list with
// pwis field names (GeoJSON) and the bureau's spreadsheet layout (CSV with
// ROC dates, thousands separators and TWD97 or WGS84 columns), through the
// binary into the real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/support/import_fixture.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;

class ImportProjectsTest : public ImportTest {};

TEST_F(ImportProjectsTest, ProjectListLoadsAndRejectsNameTheField) {
  Outcome o = Import({"--profile", "generic-projects-geojson",
                      kFixtures + "generic_projects.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("10 read = 4 inserted + 0 updated + 0 "
                                  "unchanged + 6 rejected"))
      << o.output;
  EXPECT_EQ(Q("SELECT string_agg(project_no, ',' ORDER BY project_no) FROM "
              "projects WHERE source = 'projects-export'"),
            "KH-EP-111-0109,KH-MO-112-0107,KH-NB-113-0101,KH-NB-114-0150");
  // Money with separators, the unit by code, extension days; the district
  // from the point.
  EXPECT_EQ(Q("SELECT unit_code || ' ' || category || ' ' || status || ' ' "
              "|| budget || ' ' || contract_amount || ' ' || "
              "revised_completion || ' ' || d.name_zh || ' ' || "
              "array_to_string(road_names, '|') FROM projects p JOIN "
              "districts d ON d.code = p.district_code WHERE project_no = "
              "'KH-NB-113-0101'"),
            "NBO road under_construction 50000000 42000000 2026-07-30 苓雅區 "
            "四維三路");
  // Full-width number and money, the unit and enums by their zh-TW
  // labels, ROC dates; a line crossing districts has them all.
  EXPECT_EQ(Q("SELECT unit_code || ' ' || category || ' ' || status || ' ' "
              "|| budget || ' ' || contract_start || ' ' || "
              "planned_completion || ' ' || (cardinality(district_codes) >= "
              "1) FROM projects WHERE project_no = 'KH-MO-112-0107'"),
            "MO drainage under_construction 120000000 2024-03-01 2025-12-31 "
            "true");
  // No geometry: listed under the district it names; a code in lower case.
  EXPECT_EQ(Q("SELECT unit_code || ' ' || (p.geom IS NULL) || ' ' || d.name_zh "
              "FROM projects p JOIN districts d ON d.code = p.district_code "
              "WHERE project_no = 'KH-NB-114-0150'"),
            "NBO true 前鎮區");
  EXPECT_EQ(Q("SELECT actual_completion FROM projects WHERE project_no = "
              "'KH-EP-111-0109'"),
            "2026-08-25");
  // Each reject names its record and field.
  EXPECT_THAT(o.output, HasSubstr("record 5: unit: \"環保局\""));
  EXPECT_THAT(o.output, HasSubstr("record 6: status: required"));
  EXPECT_THAT(o.output,
              HasSubstr("record 7: planned_completion: before contract_start"));
  EXPECT_THAT(o.output, HasSubstr("record 8: actual_completion: missing"));
  EXPECT_THAT(o.output, HasSubstr("record 9: budget: \"-5\""));
  EXPECT_THAT(o.output, HasSubstr("record 10: contract_start: missing"));

  // Loading it again changes nothing.
  o = Import({"--profile", "generic-projects-geojson",
              kFixtures + "generic_projects.geojson"});
  EXPECT_THAT(o.output, HasSubstr("10 read = 0 inserted + 0 updated + 4 "
                                  "unchanged + 6 rejected"))
      << o.output;

  // A feed that moves a finished project back to design is refused by the
  // lifecycle rule, for that record only; the other update lands, with its
  // status history.
  o = Import({"--profile", "generic-projects-geojson",
              kFixtures + "projects_moved_back.geojson"});
  EXPECT_THAT(o.output, HasSubstr("2 read = 0 inserted + 1 updated + 0 "
                                  "unchanged + 1 rejected"))
      << o.output;
  EXPECT_THAT(o.output, HasSubstr("may not go from completed to design"));
  EXPECT_EQ(Q("SELECT status FROM projects WHERE project_no = "
              "'KH-EP-111-0109'"),
            "completed");
  EXPECT_EQ(Q("SELECT string_agg(h.status::text, ',' ORDER BY h.changed_at) "
              "FROM project_status_history h JOIN projects p ON p.id = "
              "h.project_id WHERE p.project_no = 'KH-NB-113-0101'"),
            "under_construction,suspended");
}

TEST_F(ImportProjectsTest, BureauSpreadsheetWithRocDatesAndTwd97) {
  Outcome o = Import({"--profile", "kaohsiung-projects-csv",
                      kFixtures + "kaohsiung_projects.csv"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("3 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 1 rejected"))
      << o.output;
  EXPECT_EQ(Q("SELECT category || ' ' || contract_amount || ' ' || "
              "contract_start || ' ' || revised_completion || ' ' || "
              "contractor FROM projects WHERE project_no = 'KH-MO-113-0201'"),
            "pavement 7990000 2024-10-01 2025-04-15 大鋪營造有限公司");
  // TWD97 metres in the longitude/latitude columns, told apart and moved.
  EXPECT_EQ(Q("SELECT status || ' ' || actual_completion || ' ' || "
              "ST_DWithin(geom::geography, ST_Transform(ST_SetSRID("
              "ST_MakePoint(178834.5, 2504905.2), 3826), 4326)::geography, "
              "0.5) FROM projects WHERE project_no = 'KH-NB-112-0202'"),
            "completed 2025-02-20 true");
  EXPECT_THAT(o.output, HasSubstr("contract_start"));
}

}  // namespace
}  // namespace pwis::testing
