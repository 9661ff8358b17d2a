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

// The monthly progress CSV: ROC and Gregorian months, numbers in any
// width and spacing, percents with "%", a day of its own (ad hoc); each
// rule the table keeps is a reject for that record only.
TEST_F(ImportProjectsTest, MonthlyProgressCsvLoadsReportsOfKnownProjects) {
  Outcome o = Import({"--profile", "kaohsiung-projects-csv",
                      kFixtures + "kaohsiung_projects.csv"});
  ASSERT_THAT(o.output, HasSubstr("2 inserted")) << o.output;
  o = Import({"--profile", "kaohsiung-progress-csv",
              kFixtures + "kaohsiung_progress.csv"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("13 read = 6 inserted + 0 updated + 0 "
                                  "unchanged + 7 rejected"))
      << o.output;
  EXPECT_EQ(Q("SELECT string_agg(r.report_date || ' ' || r.planned_pct || '/' "
              "|| r.actual_pct || ' ' || r.paid_amount || ' ' || r.ad_hoc || "
              "' ' || r.correction || ' ' || r.lag_reason, '; ' ORDER BY "
              "r.report_date) FROM project_progress_reports r JOIN projects p "
              "ON p.id = r.project_id WHERE p.project_no = 'KH-MO-113-0201'"),
            "2024-10-31 10.00/8.00 500000 false false ; "
            "2024-11-30 35.00/25.00 2000000 false false 雨季停工; "
            "2024-12-31 60.00/48.00 0 false false 管線遷移延宕; "
            "2025-01-15 65.00/55.00 0 true false ");
  // A fall in the actual percent is kept only as a correction.
  EXPECT_EQ(Q("SELECT string_agg(r.report_date || ' ' || r.actual_pct || ' ' "
              "|| r.correction, '; ' ORDER BY r.report_date) FROM "
              "project_progress_reports r JOIN projects p ON p.id = "
              "r.project_id WHERE p.project_no = 'KH-NB-112-0202'"),
            "2023-03-31 5.00 false; 2023-05-31 4.00 true");
  // The project carries its latest report; provenance names file and line.
  EXPECT_EQ(Q("SELECT p.report_date || ' ' || p.actual_pct || ' ' || "
              "r.source || ' ' || r.source_key || ' ' || r.import_file || ' ' "
              "|| r.import_record FROM projects p JOIN "
              "project_progress_reports r ON r.project_id = p.id AND "
              "r.report_date = p.report_date WHERE p.project_no = "
              "'KH-MO-113-0201'"),
            "2025-01-15 55.00 kaohsiung-projects KHMO1130201|2025-01-15 "
            "kaohsiung_progress.csv 11");
  EXPECT_THAT(o.output, HasSubstr("record 4: source_key: duplicate (first at "
                                  "record 3)"));
  EXPECT_THAT(o.output, HasSubstr("record 6: actual_percent: 4.00 on 2023-04-30"));
  EXPECT_THAT(o.output, HasSubstr("actual_percent: 4.00 on 2023-04-30 is "
                                  "below 5.00"));
  EXPECT_THAT(o.output, HasSubstr("record 8: project_no: \"KH-XX-000-0000\": "
                                  "no such project"));
  EXPECT_THAT(o.output, HasSubstr("record 9: report_month: "));
  EXPECT_THAT(o.output, HasSubstr("record 10: planned_percent: "));
  EXPECT_THAT(o.output, HasSubstr("record 12: report_date: 2026-12-31 is outside"));
  EXPECT_THAT(o.output, HasSubstr("report_date: 2026-12-31 is outside"));
  EXPECT_THAT(o.output, HasSubstr("record 13: actual_percent: "));

  // Again: nothing changes.
  o = Import({"--profile", "kaohsiung-progress-csv",
              kFixtures + "kaohsiung_progress.csv"});
  EXPECT_THAT(o.output, HasSubstr("13 read = 0 inserted + 0 updated + 6 "
                                  "unchanged + 7 rejected"))
      << o.output;

  // A revised month updates its report; a report entered by hand for the
  // same project and day is taken over by the import.
  db_.Exec(
      "INSERT INTO project_progress_reports (project_id, report_date, "
      "planned_pct, actual_pct, source) SELECT id, '2023-06-30', 20, 9, "
      "'manual' FROM projects WHERE project_no = 'KH-NB-112-0202'");
  o = Import({"--profile", "kaohsiung-progress-csv",
              kFixtures + "kaohsiung_progress_revised.csv"});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("4 read = 1 inserted + 2 updated + 1 "
                                  "unchanged + 0 rejected"))
      << o.output;
  // Percents as written (not rounded twice: 20.004999 is 20.00).
  EXPECT_EQ(Q("SELECT planned_pct || '/' || actual_pct FROM "
              "project_progress_reports WHERE report_date = '2023-07-31'"),
            "20.00/10.00");
  // What the updates replaced is kept, and by whom.
  EXPECT_EQ(Q("SELECT string_agg(report_date || ' ' || actual_pct || ' ' || "
              "source || ' ' || replaced_by, '; ' ORDER BY report_date) FROM "
              "project_progress_report_history"),
            "2023-06-30 9.00 manual kaohsiung-projects; "
            "2024-11-30 25.00 kaohsiung-projects kaohsiung-projects");
  EXPECT_EQ(Q("SELECT string_agg(r.actual_pct || ' ' || r.paid_amount || ' ' "
              "|| r.source, '; ' ORDER BY r.report_date) FROM "
              "project_progress_reports r WHERE r.report_date IN "
              "('2024-11-30', '2023-06-30')"),
            "10.00 0 kaohsiung-projects; 26.00 2100000 kaohsiung-projects");

  // A report a unit wrote through the API stands: the feed's record for
  // that day is refused, the others load.
  db_.Exec(
      "UPDATE project_progress_reports SET source = 'api:0123456789ab', "
      "actual_pct = 27 WHERE report_date = '2024-11-30'");
  o = Import({"--profile", "kaohsiung-progress-csv",
              kFixtures + "kaohsiung_progress_revised.csv"});
  EXPECT_THAT(o.output, HasSubstr("4 read = 0 inserted + 0 updated + 3 "
                                  "unchanged + 1 rejected"))
      << o.output;
  EXPECT_THAT(o.output, HasSubstr("record 1: report_date: the report of 2024-11-30"));
  EXPECT_THAT(o.output, HasSubstr("written through the API"));
  EXPECT_EQ(Q("SELECT actual_pct || ' ' || source FROM "
              "project_progress_reports WHERE report_date = '2024-11-30'"),
            "27.00 api:0123456789ab");

  // Reports are not soft-deleted: a full snapshot cannot mark the missing.
  o = Import({"--profile", "kaohsiung-progress-csv", "--full-snapshot",
              kFixtures + "kaohsiung_progress_revised.csv"});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("--full-snapshot"));
}

}  // namespace
}  // namespace pwis::testing
