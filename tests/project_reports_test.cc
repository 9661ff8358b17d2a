// PutProgressReport against the real PostGIS: the projects.write scope
// (no key, another scope, a revoked key, the right one) and its audit
// log; a report written, replaced and read back with its derived fields;
// every validation rule, the service's and the database's, as
// INVALID_ARGUMENT naming the field, with nothing written; over HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "pwis/v1/projects.grpc.pb.h"
#include "tests/support/http_client.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ProgressReport;
using pwis::v1::PutProgressReportRequest;
using ::testing::HasSubstr;

// One project under construction: contract start 100 days ago, revised
// completion in 200 days (Asia/Taipei), with a report 60 days ago.
constexpr char kFixture[] = R"sql(
CREATE TABLE t AS SELECT (now() AT TIME ZONE 'Asia/Taipei')::date AS d;
INSERT INTO projects (project_no, name_zh, unit_code, category, status,
  geom, budget, contract_amount, contract_start, planned_completion,
  source, source_key)
SELECT 'KH-NB-115-0900', '九如路拓寬', 'NBO', 'road', 'under_construction',
  ST_SetSRID(ST_MakePoint(120.3133, 22.6223), 4326), 10000000, 8000000,
  d - 100, d + 200, 'test', 'w1' FROM t;
INSERT INTO project_progress_reports (project_id, report_date, planned_pct,
  actual_pct)
SELECT id, (SELECT d - 60 FROM t), 20, 18 FROM projects;
)sql";

class ProjectReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    db_->Exec(kFixture);
    server_ = new TestServer(db_->url());
    writer_ = new std::string(db_->QueryValue(
        "SELECT pwis_create_api_key('新建工程處', ARRAY['projects.write'])"));
    reader_ = new std::string(db_->QueryValue(
        "SELECT pwis_create_api_key('地政局', ARRAY['licenses.full'])"));
    revoked_ = new std::string(db_->QueryValue(
        "SELECT pwis_create_api_key('gone', ARRAY['projects.write'])"));
    db_->QueryValue("SELECT pwis_revoke_api_key('" + revoked_->substr(0, 17) +
                    "')");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    delete writer_;
    delete reader_;
    delete revoked_;
  }

  // A day relative to today in Asia/Taipei, as the database counts.
  std::string Day(int offset) {
    return Q(absl::StrCat("SELECT d + ", offset, " FROM t"));
  }
  // The last day of the month `months` from this one.
  std::string MonthEnd(int months) {
    return Q(absl::StrCat("SELECT (date_trunc('month', d) + interval '",
                          months + 1,
                          " month' - interval '1 day')::date "
                          "FROM t"));
  }
  PutProgressReportRequest Report(const std::string& day, double planned,
                                  double actual) {
    PutProgressReportRequest r;
    r.set_project_no("KH-NB-115-0900");
    r.set_report_date(day);
    r.set_planned_percent(planned);
    r.set_actual_percent(actual);
    return r;
  }
  grpc::Status Put(const PutProgressReportRequest& r, const std::string& key,
                   ProgressReport* out = nullptr) {
    ProgressReport ignored;
    auto ctx = Ctx();
    if (!key.empty()) ctx->AddMetadata("authorization", "Bearer " + key);
    return server_->stub<pwis::v1::ProjectService>().PutProgressReport(
        ctx.get(), r, out != nullptr ? out : &ignored);
  }
  std::string Q(const std::string& sql) { return db_->QueryValue(sql); }
  std::string Reports() {
    return Q(
        "SELECT string_agg(report_date || ' ' || planned_pct || '/' || "
        "actual_pct, '; ' ORDER BY report_date) FROM "
        "project_progress_reports");
  }

  static TestDatabase* db_;
  static TestServer* server_;
  static std::string* writer_;
  static std::string* reader_;
  static std::string* revoked_;
};

TestDatabase* ProjectReportsTest::db_ = nullptr;
TestServer* ProjectReportsTest::server_ = nullptr;
std::string* ProjectReportsTest::writer_ = nullptr;
std::string* ProjectReportsTest::reader_ = nullptr;
std::string* ProjectReportsTest::revoked_ = nullptr;

TEST_F(ProjectReportsTest, OnlyKeysWithTheWriteScopeWriteAndEachIsAudited) {
  const std::string before = Reports();
  const PutProgressReportRequest r = Report(Day(-10), 25, 22);
  EXPECT_EQ(Put(r, "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Put(r, *reader_).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Put(r, *revoked_).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Put(r, "pwis_000000000000_notakey").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reports(), before);
  EXPECT_EQ(Q("SELECT count(*) FROM api_key_audit"), "0");

  ProgressReport got;
  grpc::Status s = Put(r, *writer_, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(
      Q("SELECT k.holder || ' ' || a.method || ' ' || a.resource FROM "
        "api_key_audit a JOIN api_keys k ON k.id = a.key_id"),
      absl::StrCat("新建工程處 PutProgressReport KH-NB-115-0900 ", Day(-10)));
  // A key narrowed to a unit writes that unit's projects only.
  const std::string mo =
      Q("SELECT pwis_create_api_key('養護工程處', ARRAY['projects.write:MO'])");
  const std::string nbo = Q(
      "SELECT pwis_create_api_key('新建工程處', ARRAY['projects.write:NBO'])");
  s = Put(Report(Day(-10), 25, 23), mo);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("is NBO's"));
  EXPECT_EQ(Q("SELECT actual_pct FROM project_progress_reports WHERE "
              "report_date = '" +
              Day(-10) + "'"),
            "22.00");
  s = Put(Report(Day(-10), 25, 23), nbo);
  EXPECT_TRUE(s.ok()) << s.error_message();
  // Every attempt by a writer is audited, the refused one too.
  EXPECT_EQ(Q("SELECT string_agg(k.holder, ',' ORDER BY a.id) FROM "
              "api_key_audit a JOIN api_keys k ON k.id = a.key_id"),
            "新建工程處,養護工程處,新建工程處");
  EXPECT_EQ(Q("SELECT source LIKE 'api:%' FROM project_progress_reports "
              "WHERE report_date = '" +
              Day(-10) + "'"),
            "t");
  db_->Exec("DELETE FROM project_progress_reports WHERE report_date = '" +
            Day(-10) + "'");
}

TEST_F(ProjectReportsTest, WritesReplacesAndAnswersTheStoredReport) {
  // A month's report on its last day: last month's.
  const std::string end = MonthEnd(-1);
  PutProgressReportRequest r = Report(end, 40, 29.5);
  r.set_paid_amount(2000000);
  r.set_lag_reason("  用地取得延宕  ");
  auto* photo = r.add_photos();
  photo->set_url("https://pwis.example/site/900-1.jpg");
  photo->set_caption("路基施作");
  ProgressReport got;
  grpc::Status s = Put(r, *writer_, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(got.report_date(), end);
  EXPECT_FALSE(got.ad_hoc());
  EXPECT_DOUBLE_EQ(got.planned_percent(), 40);
  EXPECT_DOUBLE_EQ(got.actual_percent(), 29.5);
  EXPECT_DOUBLE_EQ(got.variance_points(), -10.5);
  EXPECT_EQ(got.behind_level(), pwis::v1::BEHIND_LEVEL_SEVERE);
  EXPECT_DOUBLE_EQ(got.financial_percent(), 25);
  EXPECT_EQ(got.lag_reason(), "用地取得延宕");
  ASSERT_EQ(got.photos_size(), 1);
  EXPECT_EQ(got.photos(0).caption(), "路基施作");
  // The project carries it as its latest.
  EXPECT_EQ(Q("SELECT report_date || ' ' || actual_pct FROM projects"),
            end + " 29.50");

  // The same day again replaces it; a day inside a month is ad hoc.
  r.set_actual_percent(31);
  r.clear_photos();
  s = Put(r, *writer_, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_DOUBLE_EQ(got.variance_points(), -9);
  EXPECT_EQ(got.behind_level(), pwis::v1::BEHIND_LEVEL_WARNING);
  EXPECT_EQ(got.photos_size(), 0);
  EXPECT_EQ(Q("SELECT count(*) FROM project_progress_reports WHERE "
              "report_date = '" +
              end + "'"),
            "1");
  // The replaced figures are kept, with the key that replaced them.
  EXPECT_EQ(Q("SELECT h.actual_pct || ' ' || (h.replaced_by = r.source) || "
              "' ' || jsonb_array_length(h.photos) FROM "
              "project_progress_report_history h JOIN project_progress_reports "
              "r USING (project_id, report_date) WHERE h.report_date = '" +
              end + "'"),
            "29.50 true 1");
  const std::string mid =
      Q("SELECT (date_trunc('month', d) - interval '1 month' + interval '9 "
        "days')::date FROM t");
  if (mid < end && mid > Day(-60)) {
    s = Put(Report(mid, 30, 25), *writer_, &got);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(got.ad_hoc());
  }
  // Number in a loose form.
  PutProgressReportRequest loose = Report(end, 40, 31);
  loose.set_project_no("kh nb 115 0900");
  EXPECT_TRUE(Put(loose, *writer_).ok());
  db_->Exec("DELETE FROM project_progress_reports WHERE report_date > '" +
            Day(-60) + "'");
}

TEST_F(ProjectReportsTest, EveryRuleIsInvalidArgumentNamingTheField) {
  const std::string before = Reports();
  const std::string day = Day(-5);
  auto refused = [&](const PutProgressReportRequest& r) {
    return Put(r, *writer_);
  };
  PutProgressReportRequest none;
  none.set_project_no("KH-NB-115-0900");
  none.set_report_date(day);
  EXPECT_THAT(refused(none), IsInvalidFields(std::vector<std::string>{
                                 "planned_percent", "actual_percent"}));
  PutProgressReportRequest r = Report(day, 101, 30);
  EXPECT_THAT(refused(r), IsInvalidField("planned_percent"));
  r = Report(day, 30, std::numeric_limits<double>::quiet_NaN());
  EXPECT_THAT(refused(r), IsInvalidField("actual_percent"));
  r = Report(day, 30, -0.5);
  EXPECT_THAT(refused(r), IsInvalidField("actual_percent"));
  r = Report("2026-02-30", 30, 25);
  EXPECT_THAT(refused(r), IsInvalidField("report_date"));
  r = Report("next month", 30, 25);
  EXPECT_THAT(refused(r), IsInvalidField("report_date"));
  r = Report(Day(1), 30, 25);  // progress of a day to come
  EXPECT_THAT(refused(r), IsInvalidField("report_date"));
  r = Report(day, 30, 25);
  r.set_paid_amount(-1);
  EXPECT_THAT(refused(r), IsInvalidField("paid_amount"));
  r = Report(day, 30, 25);
  r.set_lag_reason(std::string(2001, 'x'));
  EXPECT_THAT(refused(r), IsInvalidField("lag_reason"));
  r = Report(day, 30, 25);
  r.add_photos()->set_url("javascript:alert(1)");
  EXPECT_THAT(refused(r), IsInvalidField("photos[0].url"));
  r = Report(day, 30, 25);
  for (int i = 0; i < 21; ++i) r.add_photos()->set_url("https://a.example/x");
  EXPECT_THAT(refused(r), IsInvalidField("photos"));
  r = Report(day, 30, 25);
  r.set_project_no("   ");
  EXPECT_THAT(refused(r), IsInvalidField("project_no"));

  // The database's rules: a cumulative percent below the earlier
  // report's (20/18, 60 days ago), above a later one's, a day before the
  // contract start.
  r = Report(day, 19, 25);
  EXPECT_THAT(refused(r), IsInvalidField("planned_percent"));
  r = Report(day, 25, 17);
  EXPECT_THAT(refused(r), IsInvalidField("actual_percent"));
  r = Report(Day(-70), 25, 20);
  EXPECT_THAT(refused(r), IsInvalidField("report_date"));
  r = Report(Day(-101), 0, 0);
  EXPECT_THAT(refused(r), IsInvalidField("report_date"));
  EXPECT_EQ(Reports(), before);
  // Unknown project.
  r = Report(day, 30, 25);
  r.set_project_no("KH-XX-000-0000");
  EXPECT_EQ(refused(r).error_code(), grpc::StatusCode::NOT_FOUND);

  // Each rule's way out: a correction, a flagged date.
  r = Report(day, 25, 17);
  r.set_correction(true);
  EXPECT_TRUE(refused(r).ok());
  r = Report(Day(-101), 0, 0);
  r.set_outside_project_dates(true);
  EXPECT_TRUE(refused(r).ok());
  db_->Exec("DELETE FROM project_progress_reports WHERE report_date IN ('" +
            day + "', '" + Day(-101) + "')");
  EXPECT_EQ(Reports(), before);
}

TEST_F(ProjectReportsTest, OverHttp) {
  // The 8th to 11th of last month: ad hoc, after the fixture's report.
  const std::string day =
      Q("SELECT (date_trunc('month', d) - interval '20 days')::date FROM t");
  const std::string path =
      absl::StrCat("/v1/projects/KH-NB-115-0900/progress/", day);
  const std::string body = R"({"plannedPercent": 26, "actualPercent": 24.5,
                              "lagReason": "雨天"})";
  HttpResult anon = Fetch(server_->http_port(), "PUT", path,
                          {{"content-type", "application/json"}}, body);
  EXPECT_EQ(anon.status, 401) << anon.body;
  EXPECT_THAT(anon.body, HasSubstr("\"code\":16"));

  HttpResult ok = Fetch(server_->http_port(), "PUT", path,
                        {{"content-type", "application/json"},
                         {"authorization", "Bearer " + *writer_},
                         {"accept-language", "en"}},
                        body);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_THAT(ok.body, HasSubstr("\"actualPercent\":24.5"));
  EXPECT_THAT(ok.body, HasSubstr("\"adHoc\":true"));
  EXPECT_THAT(ok.body, HasSubstr("\"variancePoints\":-1.5"));

  HttpResult bad = Fetch(server_->http_port(), "PUT", path,
                         {{"content-type", "application/json"},
                          {"authorization", "Bearer " + *writer_}},
                         R"({"plannedPercent": 26, "actualPercent": 240})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_THAT(bad.body, HasSubstr("actual_percent"));
  // A body naming another project or day than the path is refused, not
  // written to the path's.
  HttpResult other = Fetch(
      server_->http_port(), "PUT", path,
      {{"content-type", "application/json"},
       {"authorization", "Bearer " + *writer_}},
      R"({"projectNo": "KH-XX-000-0001", "plannedPercent": 26, "actualPercent": 25})");
  EXPECT_EQ(other.status, 400) << other.body;
  EXPECT_THAT(other.body, HasSubstr("project_no"));
  HttpResult same = Fetch(
      server_->http_port(), "PUT", path,
      {{"content-type", "application/json"},
       {"authorization", "Bearer " + *writer_}},
      R"({"projectNo": "KH-NB-115-0900", "plannedPercent": 26, "actualPercent": 25})");
  EXPECT_EQ(same.status, 200) << same.body;
  db_->Exec("DELETE FROM project_progress_reports WHERE report_date = '" + day +
            "'");
}

}  // namespace
}  // namespace pwis::testing
