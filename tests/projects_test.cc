// ProjectService against the real PostGIS: lookup by number, every list
// filter and order with keyset paging, the behind-schedule level at its
// thresholds (and with other thresholds), days of delay, the progress
// series, statistics checked against independent SQL, the OC4IDS export,
// and the database's rules for projects and progress reports.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gis/geo/json_struct.h"
#include "gis/store/connection_pool.h"
#include "gis/store/projects_store.h"
#include "pwis/v1/projects.grpc.pb.h"
#include "services/server/server.h"
#include "tests/support/http_client.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListProjectsRequest;
using pwis::v1::ListProjectsResponse;
using pwis::v1::Project;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Stops the test with the status's message unless it is OK.
#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const grpc::Status pwis_status_ = (expr);                       \
    ASSERT_TRUE(pwis_status_.ok()) << pwis_status_.error_message(); \
  } while (0)

// Dates are relative to today in Asia/Taipei (T), so that "past its
// revised completion" holds whenever the test runs.
constexpr char kFixture[] = R"sql(
CREATE TABLE t AS SELECT (now() AT TIME ZONE 'Asia/Taipei')::date AS d;
CREATE TABLE dc AS SELECT name_zh, code FROM districts;
INSERT INTO projects (project_no, name_zh, name_en, unit_code, category,
  status, location, road_names, geom, budget, contract_amount, change_orders,
  contractor, supervisor, designer, contract_start, planned_completion,
  extension_days, actual_completion, work_start, work_end, district_code,
  source, source_key) VALUES
 ('KH-NB-113-0001', '四維三路人行道改善工程', 'Siwei 3rd Road Sidewalk Improvement',
  'NBO', 'road', 'tendering', '苓雅區四維三路', '{四維三路}',
  ST_SetSRID(ST_MakePoint(120.3133, 22.6223), 4326), 50000000, 42000000,
  '[{"seq": 1, "approved_date": "2025-03-02", "amount_delta": 1500000, "reason": "增設無障礙坡道"},
    {"seq": 2, "amount_delta": -300000, "reason": "減作"}]',
  '大成營造股份有限公司', '明光工程顧問有限公司', '高雄市政府工務局新建工程處',
  NULL, NULL, 0, NULL, '22:00', '06:00', NULL, 'test', 'p1'),
 ('KH-NB-113-0002', '苓雅鳳山排水幹線改善', 'Lingya-Fengshan Drainage Trunk',
  'NBO', 'drainage', 'under_construction', '苓雅區至鳳山區', '{中正一路}',
  ST_SetSRID(ST_MakeLine(ST_MakePoint(120.3133, 22.6223),
                         ST_MakePoint(120.3586, 22.6266)), 4326),
  120000000, 98000000, '[]', '榮工工程股份有限公司', '', '',
  (SELECT d - 300 FROM t), (SELECT d + 200 FROM t), 0, NULL, NULL, NULL, NULL,
  'test', 'p2'),
 ('KH-MO-112-0107', '鳳山區路平專案', 'Fengshan Road Resurfacing', 'MO',
  'pavement', 'under_construction', '鳳山區光遠路', '{光遠路}',
  ST_Buffer(ST_SetSRID(ST_MakePoint(120.3586, 22.6266), 4326), 0.002), 30000000,
  26000000, '[]', '鳳山瀝青有限公司', '', '', (SELECT d - 200 FROM t),
  (SELECT d + 100 FROM t), 0, NULL, NULL, NULL, NULL, 'test', 'p3'),
 ('KH-NB-112-0033', '前鎮區橋梁耐震補強', 'Qianzhen Bridge Seismic Retrofit',
  'NBO', 'bridge', 'under_construction', '前鎮區', '{}',
  ST_SetSRID(ST_MakePoint(120.3075, 22.5950), 4326), 60000000, 55000000, '[]',
  '前鎮營造有限公司', '', '', (SELECT d - 400 FROM t), (SELECT d - 40 FROM t),
  10, NULL, NULL, NULL, NULL, 'test', 'p4'),
 ('KH-EP-111-0009', '衛武營公園步道', 'Weiwuying Park Trail', 'EPO', 'park',
  'completed', '鳳山區衛武營', '{}',
  ST_SetSRID(ST_MakePoint(120.3410, 22.6240), 4326), 10000000, 9000000, '[]',
  '綠景工程有限公司', '', '', (SELECT d - 500 FROM t), (SELECT d - 110 FROM t),
  0, (SELECT d - 100 FROM t), NULL, NULL, NULL, 'test', 'p5'),
 ('KH-NB-114-0050', '前鎮新橋規劃', 'Qianzhen New Bridge Planning', 'NBO',
  'bridge', 'planning', '前鎮區', '{}', NULL, 8000000, 0, '[]', '', '', '',
  NULL, NULL, 0, NULL, NULL, NULL,
  (SELECT code FROM dc WHERE name_zh = '前鎮區'), 'test', 'p6'),
 ('KH-NB-113-0060', '苓雅路燈汰換', 'Lingya Street Light Renewal', 'NBO',
  'street_light', 'tendering', '苓雅區', '{}',
  ST_SetSRID(ST_MakePoint(120.3200, 22.6200), 4326), 5000000, 0, '[]', '', '',
  '', NULL, NULL, 0, NULL, NULL, NULL, NULL, 'test', 'p7'),
 ('KH-MO-113-0070', '三民區自行車道', 'Sanmin Bike Path', 'MO', 'bike_path',
  'under_construction', '三民區', '{}',
  ST_SetSRID(ST_MakePoint(120.3230, 22.6450), 4326), 20000000, 18000000, '[]',
  '單車道工程有限公司', '', '', (SELECT d - 100 FROM t), (SELECT d + 300 FROM t),
  0, NULL, NULL, NULL, NULL, 'test', 'p8'),
 ('KH-BM-113-0080', '建管大樓整修', 'Building Office Renovation', 'BMO',
  'building', 'under_construction', '苓雅區', '{}',
  ST_SetSRID(ST_MakePoint(120.3140, 22.6230), 4326), 15000000, 14000000, '[]',
  '城建營造有限公司', '', '', (SELECT d - 10 FROM t), (SELECT d + 300 FROM t),
  0, NULL, NULL, NULL, NULL, 'test', 'p9');
-- P1 is awarded and starts: a status history of two.
UPDATE projects SET contract_start = (SELECT d - 300 FROM t),
  planned_completion = (SELECT d + 60 FROM t), extension_days = 30
  WHERE source_key = 'p1';
UPDATE projects SET status = 'under_construction' WHERE source_key = 'p1';
UPDATE projects SET status = 'cancelled' WHERE source_key = 'p7';
UPDATE projects SET status = 'suspended' WHERE source_key = 'p8';
INSERT INTO project_progress_reports (project_id, report_date, ad_hoc,
  planned_pct, actual_pct, paid_amount, lag_reason, photos)
SELECT p.id, t.d + r.day, r.ad_hoc, r.planned, r.actual, r.paid, r.reason,
       r.photos::jsonb
FROM projects p, t, (VALUES
  ('p1', -270, false, 10.00, 9.50, 4000000, '', '[]'),
  ('p1', -255, true, 15.00, 12.00, 5000000, '', '[]'),
  ('p1', -240, false, 20.00, 15.01, 8640000, '雨季停工',
   '[{"url": "https://example.org/p1.jpg", "caption": "人行道鋪面"}]'),
  ('p2', -270, false, 10.00, 8.00, 0, '', '[]'),
  ('p2', -240, false, 20.00, 15.00, 9800000, '管線遷移延宕', '[]'),
  ('p3', -170, false, 30.00, 20.00, 0, '瀝青供料不足', '[]'),
  ('p4', -60, false, 90.00, 90.00, 50000000, '', '[]'),
  ('p5', -130, false, 80.00, 60.00, 7000000, '', '[]'),
  ('p8', -70, false, 30.00, 20.01, 1000000, '地下管線衝突', '[]')
) AS r(key, day, ad_hoc, planned, actual, paid, reason, photos)
WHERE p.source_key = r.key;
INSERT INTO project_milestones (project_id, seq, name_zh, name_en,
  planned_date, actual_date)
SELECT p.id, m.seq, m.zh, m.en, t.d + m.planned, t.d + m.actual
FROM projects p, t, (VALUES
  (1, '開工', 'Start of works', -300, -300),
  (2, '人行道鋪面完成', 'Paving done', -100, -90),
  (3, '完工', 'Completion', 60, NULL)
) AS m(seq, zh, en, planned, actual)
WHERE p.source_key = 'p1';
)sql";

class ProjectsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    db_->Exec(kFixture);
    server_ = new TestServer(db_->url());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
  }

  pwis::v1::ProjectService::Stub& projects() {
    return server_->stub<pwis::v1::ProjectService>();
  }
  absl::StatusOr<Project> Get(const std::string& no) {
    pwis::v1::GetProjectRequest r;
    r.set_project_no(no);
    Project p;
    grpc::Status s = projects().GetProject(Ctx().get(), r, &p);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          s.error_message());
    }
    return p;
  }
  grpc::Status List(const ListProjectsRequest& r, ListProjectsResponse* out) {
    return projects().ListProjects(Ctx().get(), r, out);
  }
  // Every page of `r`, in order, `page_size` at a time.
  std::vector<std::string> All(ListProjectsRequest r, int page_size = 1000) {
    r.set_page_size(page_size);
    std::vector<std::string> numbers;
    for (int pages = 0; pages < 50; ++pages) {
      ListProjectsResponse resp;
      grpc::Status s = List(r, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const Project& p : resp.projects())
        numbers.push_back(p.project_no());
      if (resp.next_page_token().empty()) break;
      r.set_page_token(resp.next_page_token());
    }
    return numbers;
  }
  grpc::Status ListError(const ListProjectsRequest& r) {
    ListProjectsResponse resp;
    return List(r, &resp);
  }
  std::string Q(const std::string& sql) { return db_->QueryValue(sql); }
  // The database error `sql` raises ("" when it succeeds).
  std::string Refusal(const std::string& sql) {
    try {
      pqxx::connection c(db_->url());
      pqxx::work tx(c);
      tx.exec(sql);
      tx.abort();  // Nothing a test writes stays.
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  std::string Code(const std::string& district) {
    return Q(absl::StrCat("SELECT code FROM districts WHERE name_zh = '",
                          district, "'"));
  }

  static TestDatabase* db_;
  static TestServer* server_;
};

TestDatabase* ProjectsTest::db_ = nullptr;
TestServer* ProjectsTest::server_ = nullptr;

TEST_F(ProjectsTest, GetByNumberInLooseForms) {
  for (const char* form :
       {"KH-NB-113-0001", "kh-nb-113-0001", "ＫＨ－ＮＢ－１１３－０００１",
        " KH NB 113 0001 "}) {
    absl::StatusOr<Project> p = Get(form);
    ASSERT_TRUE(p.ok()) << form << ": " << p.status();
    EXPECT_EQ(p->project_no(), "KH-NB-113-0001");
  }
  absl::StatusOr<Project> p = Get("KH-NB-113-0001");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name().zh_tw(), "四維三路人行道改善工程");
  EXPECT_EQ(p->unit().code(), "NBO");
  EXPECT_EQ(p->unit().name().zh_tw(), "新建工程處");
  EXPECT_EQ(p->category(), pwis::v1::PROJECT_CATEGORY_ROAD);
  EXPECT_EQ(p->category_label().en(), "Road");
  EXPECT_EQ(p->status(), pwis::v1::PROJECT_STATUS_UNDER_CONSTRUCTION);
  EXPECT_EQ(p->status_label().zh_tw(), "施工中");
  EXPECT_EQ(p->budget(), 50000000);
  EXPECT_EQ(p->contract_amount(), 42000000);
  ASSERT_EQ(p->change_orders_size(), 2);
  EXPECT_EQ(p->change_orders(0).amount_delta(), 1500000);
  EXPECT_EQ(p->change_orders(0).approved_date(), "2025-03-02");
  EXPECT_EQ(p->change_orders(1).reason(), "減作");
  EXPECT_EQ(p->current_contract_amount(), 42000000 + 1500000 - 300000);
  EXPECT_EQ(p->contractor(), "大成營造股份有限公司");
  EXPECT_THAT(p->road_names(), ElementsAre("四維三路"));
  EXPECT_EQ(p->district().code(), Code("苓雅區"));
  EXPECT_EQ(p->district().name().zh_tw(), "苓雅區");
  ASSERT_EQ(p->districts_size(), 1);
  EXPECT_EQ(p->working_hours().start(), "22:00");
  EXPECT_EQ(p->working_hours().end(), "06:00");
  EXPECT_EQ(p->extension_days(), 30);
  EXPECT_EQ(p->contract_start_date(),
            Q("SELECT to_char(d - 300, 'YYYY-MM-DD') FROM t"));
  EXPECT_EQ(p->planned_completion_date(),
            Q("SELECT to_char(d + 60, 'YYYY-MM-DD') FROM t"));
  EXPECT_EQ(p->revised_completion_date(),
            Q("SELECT to_char(d + 90, 'YYYY-MM-DD') FROM t"));
  EXPECT_EQ(p->actual_completion_date(), "");
  // The period: Taipei midnight of the start to the day after completion.
  EXPECT_EQ(p->period().start_time().seconds(),
            std::stoll(Q("SELECT extract(epoch FROM ((d - 300)::timestamp AT "
                         "TIME ZONE 'Asia/Taipei'))::int8 FROM t")));
  EXPECT_EQ(p->period().end_time().seconds(),
            std::stoll(Q("SELECT extract(epoch FROM ((d + 91)::timestamp AT "
                         "TIME ZONE 'Asia/Taipei'))::int8 FROM t")));
  ASSERT_TRUE(p->has_latest());
  EXPECT_EQ(p->latest().report_date(),
            Q("SELECT to_char(d - 240, 'YYYY-MM-DD') FROM t"));
  EXPECT_DOUBLE_EQ(p->latest().planned_percent(), 20);
  EXPECT_DOUBLE_EQ(p->latest().actual_percent(), 15.01);
  EXPECT_DOUBLE_EQ(p->latest().variance_points(), -4.99);
  EXPECT_EQ(p->latest().paid_amount(), 8640000);
  EXPECT_DOUBLE_EQ(p->latest().financial_percent(), 20);  // of 43.2 M
  EXPECT_EQ(p->latest().lag_reason(), "雨季停工");
  EXPECT_TRUE(p->has_geometry());
  EXPECT_EQ(p->source(), "test");
  EXPECT_EQ(p->source_key(), "p1");
  // tendering (insert), then under construction.
  ASSERT_EQ(p->status_history_size(), 2);
  EXPECT_EQ(p->status_history(0).status(), pwis::v1::PROJECT_STATUS_TENDERING);
  EXPECT_EQ(p->status_history(1).status(),
            pwis::v1::PROJECT_STATUS_UNDER_CONSTRUCTION);
  EXPECT_EQ(p->status_history(1).status_label().en(), "Under construction");
  EXPECT_LE(p->status_history(0).change_time().seconds(),
            p->status_history(1).change_time().seconds());
  EXPECT_GT(p->status_history(0).change_time().seconds(), 1700000000);
}

TEST_F(ProjectsTest, UnknownAndBadNumbers) {
  EXPECT_THAT(Get("KH-NB-999-9999").status(),
              HasCode(absl::StatusCode::kNotFound));
  EXPECT_THAT(Get("---").status(), HasCode(absl::StatusCode::kNotFound));
  absl::Status empty = Get("").status();
  EXPECT_THAT(empty, HasCode(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(empty.message(), HasSubstr("project_no"));
  // Deleted projects are gone.
  db_->Exec("UPDATE projects SET deleted_at = now() WHERE source_key = 'p7'");
  EXPECT_THAT(Get("KH-NB-113-0060").status(),
              HasCode(absl::StatusCode::kNotFound));
  db_->Exec("UPDATE projects SET deleted_at = NULL WHERE source_key = 'p7'");
}

TEST_F(ProjectsTest, DistrictsCrossedAndTheLargestPart) {
  absl::StatusOr<Project> p = Get("KH-NB-113-0002");
  ASSERT_TRUE(p.ok());
  std::vector<std::string> codes;
  for (const auto& d : p->districts()) codes.push_back(d.code());
  // Both ends' districts, found independently.
  const std::string west =
      Q("SELECT code FROM districts WHERE ST_Contains(geom, "
        "ST_SetSRID(ST_MakePoint(120.3133, 22.6223), 4326))");
  const std::string east =
      Q("SELECT code FROM districts WHERE ST_Contains(geom, "
        "ST_SetSRID(ST_MakePoint(120.3586, 22.6266), 4326))");
  ASSERT_NE(west, east);
  EXPECT_THAT(codes, ::testing::Contains(west));
  EXPECT_THAT(codes, ::testing::Contains(east));
  EXPECT_EQ(p->district().code(),
            Q("SELECT d.code FROM districts d, projects p WHERE p.source_key "
              "= 'p2' AND ST_Intersects(d.geom, p.geom) ORDER BY "
              "ST_Length(ST_Intersection(d.geom, p.geom)) DESC LIMIT 1"));
  // A project with no geometry keeps the district it was given.
  absl::StatusOr<Project> planned = Get("KH-NB-114-0050");
  ASSERT_TRUE(planned.ok());
  EXPECT_EQ(planned->district().code(), Code("前鎮區"));
  EXPECT_FALSE(planned->has_geometry());
  EXPECT_FALSE(planned->has_period());
}

TEST_F(ProjectsTest, BehindLevelAtTheThresholds) {
  ListProjectsRequest all;
  all.add_status(pwis::v1::PROJECT_STATUS_CANCELLED);
  for (int s = 1; s <= 7; ++s)
    all.add_status(static_cast<pwis::v1::ProjectStatus>(s));
  ListProjectsResponse resp;
  ASSERT_OK(List(all, &resp));
  std::map<std::string, pwis::v1::BehindLevel> level;
  std::map<std::string, int> delay;
  for (const Project& p : resp.projects()) {
    level[p.project_no()] = p.behind_level();
    delay[p.project_no()] = p.delay_days();
  }
  using pwis::v1::BEHIND_LEVEL_NOT_APPLICABLE;
  using pwis::v1::BEHIND_LEVEL_ON_SCHEDULE;
  using pwis::v1::BEHIND_LEVEL_SEVERE;
  using pwis::v1::BEHIND_LEVEL_WARNING;
  EXPECT_EQ(level["KH-NB-113-0001"], BEHIND_LEVEL_ON_SCHEDULE);  // -4.99
  EXPECT_EQ(level["KH-NB-113-0002"], BEHIND_LEVEL_WARNING);      // -5.00
  EXPECT_EQ(level["KH-MO-113-0070"], BEHIND_LEVEL_WARNING);  // -9.99, suspended
  EXPECT_EQ(level["KH-MO-112-0107"], BEHIND_LEVEL_SEVERE);   // -10.00
  EXPECT_EQ(level["KH-NB-112-0033"], BEHIND_LEVEL_SEVERE);   // overdue
  EXPECT_EQ(level["KH-EP-111-0009"], BEHIND_LEVEL_NOT_APPLICABLE);  // done
  EXPECT_EQ(level["KH-NB-114-0050"], BEHIND_LEVEL_NOT_APPLICABLE);  // planning
  EXPECT_EQ(level["KH-NB-113-0060"], BEHIND_LEVEL_NOT_APPLICABLE);  // cancelled
  EXPECT_EQ(level["KH-BM-113-0080"], BEHIND_LEVEL_NOT_APPLICABLE);  // no report
  // Revised completion T-30, unfinished: 30 days late; finished 10 days
  // after its revised completion: 10.
  EXPECT_EQ(delay["KH-NB-112-0033"], 30);
  EXPECT_EQ(delay["KH-EP-111-0009"], 10);
  EXPECT_EQ(delay["KH-NB-113-0001"], 0);
  for (const Project& p : resp.projects()) {
    if (p.project_no() == "KH-MO-112-0107") {
      EXPECT_EQ(p.behind_level_label().zh_tw(), "嚴重落後");
    }
  }

  // The filter selects by the same levels.
  ListProjectsRequest behind;
  behind.add_behind_level(pwis::v1::BEHIND_LEVEL_WARNING);
  behind.add_behind_level(pwis::v1::BEHIND_LEVEL_SEVERE);
  EXPECT_THAT(All(behind),
              UnorderedElementsAre("KH-NB-113-0002", "KH-MO-113-0070",
                                   "KH-MO-112-0107", "KH-NB-112-0033"));
}

TEST_F(ProjectsTest, OtherThresholdsAreConfiguration) {
  store::ConnectionPool pool({db_->url(), 2});
  store::ProjectsStore strict(&pool, {3, 4.99});
  store::ProjectFilter f;
  f.statuses = store::DefaultProjectStatuses();
  store::ListOptions options;
  auto page = strict.List(f, options, absl::Now() + absl::Seconds(10));
  ASSERT_TRUE(page.ok()) << page.status();
  std::map<std::string, pwis::v1::BehindLevel> level;
  for (const Project& p : page->items) level[p.project_no()] = p.behind_level();
  EXPECT_EQ(level["KH-NB-113-0001"], pwis::v1::BEHIND_LEVEL_SEVERE);  // -4.99
  EXPECT_EQ(level["KH-NB-113-0002"], pwis::v1::BEHIND_LEVEL_SEVERE);

  // The server refuses thresholds that cannot order.
  ServerOptions bad;
  bad.listen_address = "127.0.0.1:0";
  bad.database_url = db_->url();
  bad.behind = {10, 5};
  auto server = PwisServer::Start(bad);
  EXPECT_THAT(server.status(), HasCode(absl::StatusCode::kInvalidArgument));
  bad.behind = {0, 5};
  EXPECT_FALSE(PwisServer::Start(bad).ok());
}

TEST_F(ProjectsTest, EveryFilter) {
  ListProjectsRequest r;
  // Default: all but cancelled.
  EXPECT_EQ(All(r).size(), 8u);
  r.add_status(pwis::v1::PROJECT_STATUS_CANCELLED);
  EXPECT_THAT(All(r), ElementsAre("KH-NB-113-0060"));

  ListProjectsRequest district;
  district.set_district("鳳山區");
  EXPECT_THAT(All(district),
              UnorderedElementsAre("KH-NB-113-0002", "KH-MO-112-0107",
                                   "KH-EP-111-0009"));
  district.set_district(Code("前鎮區"));
  EXPECT_THAT(All(district), ::testing::Contains("KH-NB-114-0050"));

  ListProjectsRequest unit;
  unit.set_unit("MO");
  EXPECT_THAT(All(unit),
              UnorderedElementsAre("KH-MO-112-0107", "KH-MO-113-0070"));
  unit.set_unit("企劃");
  EXPECT_THAT(All(unit), ElementsAre("KH-EP-111-0009"));
  unit.set_unit("building management");
  EXPECT_THAT(All(unit), ElementsAre("KH-BM-113-0080"));

  ListProjectsRequest category;
  category.add_category(pwis::v1::PROJECT_CATEGORY_BRIDGE);
  category.add_category(pwis::v1::PROJECT_CATEGORY_PARK);
  EXPECT_THAT(All(category),
              UnorderedElementsAre("KH-NB-112-0033", "KH-NB-114-0050",
                                   "KH-EP-111-0009"));

  ListProjectsRequest status;
  status.add_status(pwis::v1::PROJECT_STATUS_SUSPENDED);
  status.add_status(pwis::v1::PROJECT_STATUS_COMPLETED);
  EXPECT_THAT(All(status),
              UnorderedElementsAre("KH-MO-113-0070", "KH-EP-111-0009"));

  ListProjectsRequest q;
  q.set_q("路平");
  EXPECT_THAT(All(q), ElementsAre("KH-MO-112-0107"));
  q.set_q("SIDEWALK");  // English, any case.
  EXPECT_THAT(All(q), ElementsAre("KH-NB-113-0001"));
  q.set_q("ＫＨ－ＭＯ－113");  // Full-width number.
  EXPECT_THAT(All(q), UnorderedElementsAre("KH-MO-113-0070"));
  q.set_q("中正一路");  // A road.
  EXPECT_THAT(All(q), ElementsAre("KH-NB-113-0002"));
  q.set_q("100%");  // Wildcards are literal.
  EXPECT_THAT(All(q), IsEmpty());

  ListProjectsRequest start;
  start.set_start_from(Q("SELECT to_char(d - 300, 'YYYY-MM-DD') FROM t"));
  start.set_start_to(Q("SELECT to_char(d - 100, 'YYYY-MM-DD') FROM t"));
  EXPECT_THAT(All(start),
              UnorderedElementsAre("KH-NB-113-0001", "KH-NB-113-0002",
                                   "KH-MO-112-0107", "KH-MO-113-0070"));
  ListProjectsRequest completion;
  completion.set_completion_to(Q("SELECT to_char(d, 'YYYY-MM-DD') FROM t"));
  EXPECT_THAT(All(completion),
              UnorderedElementsAre("KH-NB-112-0033", "KH-EP-111-0009"));

  ListProjectsRequest bbox;
  bbox.set_bbox("120.30,22.58,120.32,22.63");
  EXPECT_THAT(All(bbox),
              UnorderedElementsAre("KH-NB-113-0001", "KH-NB-113-0002",
                                   "KH-NB-112-0033", "KH-BM-113-0080"));
  ListProjectsRequest circle;
  circle.set_lng(120.3133);
  circle.set_lat(22.6223);
  circle.set_radius_m(200);
  EXPECT_THAT(All(circle),
              UnorderedElementsAre("KH-NB-113-0001", "KH-NB-113-0002",
                                   "KH-BM-113-0080"));

  // Under contract on a day: not P5 (finished T-100), not unstarted ones.
  ListProjectsRequest on;
  on.set_date(Q("SELECT to_char(d - 50, 'YYYY-MM-DD') FROM t"));
  EXPECT_THAT(All(on), UnorderedElementsAre("KH-NB-113-0001", "KH-NB-113-0002",
                                            "KH-MO-112-0107", "KH-NB-112-0033",
                                            "KH-MO-113-0070"));

  // Combined (cross search).
  ListProjectsRequest both;
  both.set_district("苓雅區");
  both.add_category(pwis::v1::PROJECT_CATEGORY_BUILDING);
  EXPECT_THAT(All(both), ElementsAre("KH-BM-113-0080"));
}

TEST_F(ProjectsTest, OrdersPageByTheirKeys) {
  ListProjectsRequest r;
  // Contract start (T-500 first), unstarted last, then by id.
  std::vector<std::string> by_start = All(r);
  EXPECT_THAT(by_start,
              ElementsAre("KH-EP-111-0009", "KH-NB-112-0033", "KH-NB-113-0001",
                          "KH-NB-113-0002", "KH-MO-112-0107", "KH-MO-113-0070",
                          "KH-BM-113-0080", "KH-NB-114-0050"));
  EXPECT_EQ(All(r, 1), by_start);
  EXPECT_EQ(All(r, 3), by_start);

  // Most behind first, unreported last (by id).
  r.set_order_by(pwis::v1::PROJECT_ORDER_VARIANCE);
  std::vector<std::string> by_variance = All(r);
  EXPECT_THAT(by_variance,
              ElementsAre("KH-EP-111-0009", "KH-MO-112-0107", "KH-MO-113-0070",
                          "KH-NB-113-0002", "KH-NB-113-0001", "KH-NB-112-0033",
                          "KH-NB-114-0050", "KH-BM-113-0080"));
  EXPECT_EQ(All(r, 1), by_variance);
  EXPECT_EQ(All(r, 3), by_variance);

  // Largest current contract first; none awarded last.
  r.set_order_by(pwis::v1::PROJECT_ORDER_AMOUNT);
  std::vector<std::string> by_amount = All(r);
  EXPECT_THAT(by_amount,
              ElementsAre("KH-NB-113-0002", "KH-NB-112-0033", "KH-NB-113-0001",
                          "KH-MO-112-0107", "KH-MO-113-0070", "KH-BM-113-0080",
                          "KH-EP-111-0009", "KH-NB-114-0050"));
  EXPECT_EQ(All(r, 2), by_amount);

  // A token is bound to its order.
  ListProjectsRequest first;
  first.set_page_size(2);
  ListProjectsResponse page;
  ASSERT_OK(List(first, &page));
  ListProjectsRequest other;
  other.set_order_by(pwis::v1::PROJECT_ORDER_AMOUNT);
  other.set_page_token(page.next_page_token());
  grpc::Status s = ListError(other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
}

TEST_F(ProjectsTest, GeoJsonFollowsTheListOrderAndPages) {
  ListProjectsRequest r;
  r.set_order_by(pwis::v1::PROJECT_ORDER_VARIANCE);
  r.set_page_size(3);
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    google::api::HttpBody body;
    ASSERT_OK(projects().ExportProjectsGeoJson(Ctx().get(), r, &body));
    EXPECT_EQ(body.content_type(), "application/geo+json");
    google::protobuf::Struct fc;
    ASSERT_TRUE(geo::JsonToStruct(body.data(), &fc).ok());
    for (const auto& f : fc.fields().at("features").list_value().values()) {
      const auto& props =
          f.struct_value().fields().at("properties").struct_value().fields();
      seen.push_back(props.at("project_no").string_value());
      if (props.at("project_no").string_value() == "KH-MO-112-0107") {
        EXPECT_EQ(props.at("behind_level").string_value(), "severe");
        EXPECT_EQ(props.at("behind_level_label")
                      .struct_value()
                      .fields()
                      .at("zh_tw")
                      .string_value(),
                  "嚴重落後");
        EXPECT_DOUBLE_EQ(props.at("variance_points").number_value(), -10);
        EXPECT_EQ(f.struct_value()
                      .fields()
                      .at("geometry")
                      .struct_value()
                      .fields()
                      .at("type")
                      .string_value(),
                  "Polygon");
      }
      if (props.at("project_no").string_value() == "KH-NB-114-0050") {
        EXPECT_TRUE(f.struct_value().fields().at("geometry").has_null_value());
      }
    }
    const std::string token = fc.fields().at("next_page_token").string_value();
    if (token.empty()) break;
    r.set_page_token(token);
  }
  ListProjectsRequest list;
  list.set_order_by(pwis::v1::PROJECT_ORDER_VARIANCE);
  EXPECT_EQ(seen, All(list));
}

TEST_F(ProjectsTest, ProgressSeriesAndMilestones) {
  pwis::v1::GetProjectProgressRequest r;
  r.set_project_no("kh-nb-113-0001");
  pwis::v1::ProjectProgress p;
  ASSERT_OK(projects().GetProjectProgress(Ctx().get(), r, &p));
  EXPECT_EQ(p.project_no(), "KH-NB-113-0001");
  EXPECT_EQ(p.status(), pwis::v1::PROJECT_STATUS_UNDER_CONSTRUCTION);
  EXPECT_EQ(p.current_contract_amount(), 43200000);
  ASSERT_EQ(p.reports_size(), 3);
  EXPECT_EQ(p.reports(0).report_date(),
            Q("SELECT to_char(d - 270, 'YYYY-MM-DD') FROM t"));
  EXPECT_DOUBLE_EQ(p.reports(0).planned_percent(), 10);
  EXPECT_DOUBLE_EQ(p.reports(0).actual_percent(), 9.5);
  EXPECT_DOUBLE_EQ(p.reports(0).variance_points(), -0.5);
  EXPECT_TRUE(p.reports(1).ad_hoc());
  EXPECT_EQ(p.reports(1).behind_level(), pwis::v1::BEHIND_LEVEL_ON_SCHEDULE);
  EXPECT_DOUBLE_EQ(p.reports(2).variance_points(), -4.99);
  EXPECT_DOUBLE_EQ(p.reports(2).financial_percent(), 20);
  EXPECT_EQ(p.reports(2).lag_reason(), "雨季停工");
  ASSERT_EQ(p.reports(2).photos_size(), 1);
  EXPECT_EQ(p.reports(2).photos(0).url(), "https://example.org/p1.jpg");
  EXPECT_EQ(p.reports(2).photos(0).caption(), "人行道鋪面");
  for (int i = 1; i < p.reports_size(); ++i) {
    EXPECT_LT(p.reports(i - 1).report_date(), p.reports(i).report_date());
    EXPECT_LE(p.reports(i - 1).actual_percent(), p.reports(i).actual_percent());
  }
  ASSERT_EQ(p.milestones_size(), 3);
  EXPECT_EQ(p.milestones(0).name().zh_tw(), "開工");
  EXPECT_EQ(p.milestones(1).delay_days(), 10);
  EXPECT_EQ(p.milestones(2).actual_date(), "");
  EXPECT_EQ(p.milestones(2).delay_days(), 0);  // Due in 60 days.
  EXPECT_EQ(p.behind_level(), pwis::v1::BEHIND_LEVEL_ON_SCHEDULE);
  EXPECT_EQ(p.behind_level_label().en(), "On schedule");

  // The report-level flag: -10 on its own is severe.
  r.set_project_no("KH-MO-112-0107");
  ASSERT_OK(projects().GetProjectProgress(Ctx().get(), r, &p));
  ASSERT_EQ(p.reports_size(), 1);
  EXPECT_EQ(p.reports(0).behind_level(), pwis::v1::BEHIND_LEVEL_SEVERE);
  EXPECT_EQ(p.reports(0).lag_reason(), "瀝青供料不足");

  r.set_project_no("KH-XX-000-0000");
  grpc::Status s = projects().GetProjectProgress(Ctx().get(), r, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  r.set_project_no("  ");
  s = projects().GetProjectProgress(Ctx().get(), r, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("project_no"));
}

TEST_F(ProjectsTest, StatsAgreeWithIndependentSql) {
  pwis::v1::GetProjectStatsRequest r;
  pwis::v1::ProjectStats stats;
  ASSERT_OK(projects().GetProjectStats(Ctx().get(), r, &stats));
  // Every status counts (the cancelled one too).
  EXPECT_EQ(
      stats.total().project_count(),
      std::stoi(Q("SELECT count(*) FROM projects WHERE deleted_at IS NULL")));
  EXPECT_EQ(stats.total().total_budget(),
            std::stoll(Q("SELECT sum(budget) FROM projects")));
  EXPECT_EQ(stats.total().total_contract_amount(),
            std::stoll(Q("SELECT sum(current_contract_amount) FROM projects")));
  EXPECT_EQ(stats.total().behind_count(), 4);
  EXPECT_EQ(stats.total().severe_count(), 2);
  // Over the working projects with a report: P1 -4.99, P2 -5, P3 -10, P4 0,
  // P8 -9.99.
  EXPECT_EQ(stats.total().reported_count(), 5);
  EXPECT_DOUBLE_EQ(stats.total().average_variance_points(),
                   std::stod(Q("SELECT round(avg(variance), 2) FROM projects "
                               "WHERE status IN ('under_construction', "
                               "'suspended') AND variance IS NOT NULL")));
  int status_total = 0;
  for (const auto& sc : stats.total().status_counts()) {
    status_total += sc.count();
    EXPECT_EQ(sc.count(),
              std::stoi(Q(absl::StrCat(
                  "SELECT count(*) FROM projects WHERE status = '",
                  store::ByValue(store::ProjectStatuses(), sc.status())->name,
                  "'"))));
  }
  EXPECT_EQ(status_total, stats.total().project_count());

  // Per district (of most of the site) and per unit, each against SQL.
  int in_districts = 0;
  for (const auto& g : stats.districts()) {
    const std::string where =
        g.code().empty() ? "district_code IS NULL"
                         : absl::StrCat("district_code = '", g.code(), "'");
    EXPECT_EQ(g.project_count(),
              std::stoi(Q(
                  absl::StrCat("SELECT count(*) FROM projects WHERE ", where))))
        << g.code();
    EXPECT_EQ(g.total_budget(),
              std::stoll(Q(absl::StrCat(
                  "SELECT sum(budget) FROM projects WHERE ", where))));
    if (!g.code().empty()) {
      EXPECT_EQ(g.name().zh_tw(),
                Q(absl::StrCat("SELECT name_zh FROM districts WHERE code = '",
                               g.code(), "'")));
    }
    in_districts += g.project_count();
  }
  EXPECT_EQ(in_districts, stats.total().project_count());
  ASSERT_EQ(stats.units_size(),
            std::stoi(Q("SELECT count(DISTINCT unit_code) FROM projects")));
  for (const auto& g : stats.units()) {
    EXPECT_EQ(g.project_count(),
              std::stoi(Q(absl::StrCat(
                  "SELECT count(*) FROM projects WHERE unit_code = '", g.code(),
                  "'"))));
    if (g.code() == "MO") {
      EXPECT_EQ(g.name().zh_tw(), "養護工程處");
      EXPECT_EQ(g.behind_count(), 2);  // P3 severe, P8 warning.
      EXPECT_EQ(g.severe_count(), 1);
    }
  }

  // Filters narrow the totals the same way lists do.
  r.set_unit("NBO");
  r.add_category(pwis::v1::PROJECT_CATEGORY_BRIDGE);
  ASSERT_OK(projects().GetProjectStats(Ctx().get(), r, &stats));
  EXPECT_EQ(stats.total().project_count(), 2);
  EXPECT_EQ(stats.total().total_budget(), 68000000);
}

TEST_F(ProjectsTest, RequestsAreValidated) {
  auto expect_field = [&](const ListProjectsRequest& r, const char* field) {
    grpc::Status s = ListError(r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_THAT(s.error_message(), HasSubstr(field));
  };
  ListProjectsRequest r;
  r.set_order_by(static_cast<pwis::v1::ProjectOrder>(9));
  expect_field(r, "order_by");
  r = {};
  r.add_behind_level(static_cast<pwis::v1::BehindLevel>(17));
  expect_field(r, "behind_level");
  r = {};
  r.add_category(static_cast<pwis::v1::ProjectCategory>(0));
  expect_field(r, "category");
  r = {};
  r.set_start_from("2024-02-30");
  expect_field(r, "start_from");
  r = {};
  r.set_completion_from("2025-01-01");
  r.set_completion_to("2024-12-31");
  expect_field(r, "completion_to");
  r = {};
  r.set_q(std::string(200, 'x'));
  expect_field(r, "q");
  r = {};
  r.set_unit("   ");
  expect_field(r, "unit");
  r = {};
  r.set_date("2025-01-01");
  r.set_any_time(true);
  grpc::Status s = ListError(r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  r = {};
  r.set_district("火星區");
  expect_field(r, "district");

  pwis::v1::GetProjectStatsRequest stats_request;
  stats_request.add_status(static_cast<pwis::v1::ProjectStatus>(42));
  pwis::v1::ProjectStats stats;
  s = projects().GetProjectStats(Ctx().get(), stats_request, &stats);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("status"));
}

TEST_F(ProjectsTest, DatabaseRulesNameTheField) {
  const std::string p1 = "(SELECT id FROM projects WHERE source_key = 'p1')";
  const std::string report = absl::StrCat(
      "INSERT INTO project_progress_reports (project_id, report_date, "
      "planned_pct, actual_pct, paid_amount, correction, "
      "outside_project_dates, photos) SELECT ",
      p1, ", d + ");
  // Percentages within 0-100.
  EXPECT_THAT(Refusal(report + "-200, 101, 20, 0, false, false, '[]' FROM t"),
              HasSubstr("planned_percent"));
  EXPECT_THAT(Refusal(report + "-200, 30, -1, 0, false, false, '[]' FROM t"),
              HasSubstr("actual_percent"));
  // Cumulative: no fall without the correction flag.
  EXPECT_THAT(Refusal(report + "-200, 30, 14, 0, false, false, '[]' FROM t"),
              HasSubstr("actual_percent"));
  EXPECT_THAT(Refusal(report + "-200, 19, 16, 0, false, false, '[]' FROM t"),
              HasSubstr("planned_percent"));
  EXPECT_EQ(Refusal(report + "-200, 30, 14, 0, true, false, '[]' FROM t"), "");
  // A report between two must not exceed the later one.
  EXPECT_THAT(Refusal(report + "-250, 16, 16, 0, false, false, '[]' FROM t"),
              HasSubstr("report_date"));
  // Within the project's dates, or flagged.
  EXPECT_THAT(Refusal(report + "-400, 0, 0, 0, false, false, '[]' FROM t"),
              HasSubstr("report_date"));
  EXPECT_EQ(Refusal(report + "-400, 0, 0, 0, false, true, '[]' FROM t"), "");
  // Money is never negative; photos are web links.
  EXPECT_THAT(Refusal(report + "-200, 30, 20, -1, false, false, '[]' FROM t"),
              HasSubstr("paid_amount"));
  EXPECT_THAT(Refusal(report + "-200, 30, 20, 0, false, false, "
                               "'[{\"url\": \"javascript:alert(1)\"}]' FROM t"),
              HasSubstr("photos"));
  EXPECT_THAT(
      Refusal("UPDATE projects SET budget = -1 WHERE source_key = 'p1'"),
      HasSubstr("budget"));
  EXPECT_THAT(Refusal("UPDATE projects SET change_orders = '[{\"seq\": 1, "
                      "\"amount_delta\": 1}, {\"seq\": 1, \"amount_delta\": "
                      "2}]' WHERE source_key = 'p1'"),
              HasSubstr("change_orders"));
  EXPECT_THAT(Refusal("UPDATE projects SET extension_days = -3 WHERE "
                      "source_key = 'p1'"),
              HasSubstr("extension_days"));
  // Only the lifecycle's moves.
  EXPECT_THAT(Refusal("UPDATE projects SET status = 'design' WHERE "
                      "source_key = 'p5'"),
              HasSubstr("status"));
  EXPECT_EQ(Refusal("UPDATE projects SET status = 'accepted' WHERE "
                    "source_key = 'p5'"),
            "");
  // Finished means a completion day; works need a contract.
  EXPECT_NE(Refusal("UPDATE projects SET status = 'completed' WHERE "
                    "source_key = 'p2'"),
            "");
  EXPECT_NE(Refusal("UPDATE projects SET status = 'under_construction' "
                    "WHERE source_key = 'p6'"),
            "");
  // The latest report follows deletions.
  db_->Exec(
      absl::StrCat("DELETE FROM project_progress_reports WHERE "
                   "project_id = ",
                   "(SELECT id FROM projects WHERE source_key = 'p4')"));
  EXPECT_EQ(Q("SELECT coalesce(variance::text, 'none') FROM projects "
              "WHERE source_key = 'p4'"),
            "none");
  db_->Exec(
      "INSERT INTO project_progress_reports (project_id, report_date, "
      "planned_pct, actual_pct, paid_amount) SELECT id, t.d - 60, 90, 90, "
      "50000000 FROM projects, t WHERE source_key = 'p4'");
  EXPECT_EQ(Q("SELECT variance FROM projects WHERE source_key = 'p4'"), "0.00");
}

TEST_F(ProjectsTest, Oc4idsExport) {
  pwis::v1::GetProjectRequest r;
  r.set_project_no("KH-NB-113-0001");
  google::api::HttpBody body;
  ASSERT_OK(projects().ExportProjectOc4ids(Ctx().get(), r, &body));
  EXPECT_EQ(body.content_type(), "application/json");
  google::protobuf::Struct package;
  ASSERT_TRUE(geo::JsonToStruct(body.data(), &package).ok()) << body.data();
  const auto& pkg = package.fields();
  EXPECT_EQ(pkg.at("version").string_value(), "0.9");
  ASSERT_EQ(pkg.at("projects").list_value().values_size(), 1);
  const auto& p =
      pkg.at("projects").list_value().values(0).struct_value().fields();
  EXPECT_THAT(p.at("id").string_value(), HasSubstr("KH-NB-113-0001"));
  EXPECT_EQ(p.at("title").string_value(), "四維三路人行道改善工程");
  EXPECT_EQ(p.at("status").string_value(), "implementation");
  const auto& budget = p.at("budget")
                           .struct_value()
                           .fields()
                           .at("amount")
                           .struct_value()
                           .fields();
  EXPECT_EQ(budget.at("amount").number_value(), 50000000);
  EXPECT_EQ(budget.at("currency").string_value(), "TWD");
  // Planned progress as forecasts, actual as metrics, both physical; paid
  // money as financial progress.
  auto metric = [&](const char* list,
                    const char* id) -> const google::protobuf::Struct* {
    for (const auto& m : p.at(list).list_value().values()) {
      if (m.struct_value().fields().at("id").string_value() == id) {
        return &m.struct_value();
      }
    }
    return nullptr;
  };
  const google::protobuf::Struct* planned =
      metric("forecasts", "physicalProgress");
  ASSERT_NE(planned, nullptr) << body.data();
  const auto& obs = planned->fields().at("observations").list_value();
  ASSERT_EQ(obs.values_size(), 3);
  EXPECT_EQ(obs.values(2).struct_value().fields().at("measure").number_value(),
            20);
  const google::protobuf::Struct* actual =
      metric("metrics", "physicalProgress");
  ASSERT_NE(actual, nullptr);
  EXPECT_EQ(actual->fields()
                .at("observations")
                .list_value()
                .values(2)
                .struct_value()
                .fields()
                .at("measure")
                .number_value(),
            15.01);
  const google::protobuf::Struct* paid = metric("metrics", "financialProgress");
  ASSERT_NE(paid, nullptr);
  const auto& paid_value = paid->fields()
                               .at("observations")
                               .list_value()
                               .values(2)
                               .struct_value()
                               .fields()
                               .at("value")
                               .struct_value()
                               .fields();
  EXPECT_EQ(paid_value.at("amount").number_value(), 8640000);
  // The contract with its modifications; milestones; locations.
  const auto& process = p.at("contractingProcesses")
                            .list_value()
                            .values(0)
                            .struct_value()
                            .fields()
                            .at("summary")
                            .struct_value()
                            .fields();
  EXPECT_EQ(process.at("contractValue")
                .struct_value()
                .fields()
                .at("amount")
                .number_value(),
            42000000);
  EXPECT_EQ(process.at("modifications").list_value().values_size(), 2);
  EXPECT_EQ(p.at("milestones").list_value().values_size(), 3);
  EXPECT_EQ(p.at("locations")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("geometry")
                .struct_value()
                .fields()
                .at("type")
                .string_value(),
            "Point");
  // A finished project carries its completion.
  r.set_project_no("KH-EP-111-0009");
  ASSERT_OK(projects().ExportProjectOc4ids(Ctx().get(), r, &body));
  ASSERT_TRUE(geo::JsonToStruct(body.data(), &package).ok());
  const auto& done = package.fields()
                         .at("projects")
                         .list_value()
                         .values(0)
                         .struct_value()
                         .fields();
  EXPECT_EQ(done.at("status").string_value(), "completion");
  EXPECT_THAT(done.at("completion")
                  .struct_value()
                  .fields()
                  .at("endDate")
                  .string_value(),
              HasSubstr(Q("SELECT to_char(d - 100, 'YYYY-MM-DD') FROM t")));

  r.set_project_no("nope");
  EXPECT_EQ(projects().ExportProjectOc4ids(Ctx().get(), r, &body).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ProjectsTest, OverHttp) {
  HttpResult progress =
      Fetch(server_->http_port(), "GET", "/v1/projects/KH-NB-113-0001/progress",
            {{"accept-language", "en"}});
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_THAT(progress.body, HasSubstr("\"plannedPercent\":20"));
  EXPECT_THAT(progress.body, HasSubstr("On schedule"));
  EXPECT_THAT(progress.body, ::testing::Not(HasSubstr("進度正常")));

  HttpResult list = Fetch(server_->http_port(), "GET",
                          "/v1/projects?behind_level=BEHIND_LEVEL_SEVERE&"
                          "order_by=PROJECT_ORDER_VARIANCE");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_LT(list.body.find("KH-MO-112-0107"), list.body.find("KH-NB-112-0033"));

  HttpResult oc4ids =
      Fetch(server_->http_port(), "GET", "/v1/projects/KH-NB-113-0002:oc4ids");
  ASSERT_EQ(oc4ids.status, 200) << oc4ids.body;
  EXPECT_THAT(oc4ids.headers["content-type"], HasSubstr("application/json"));

  HttpResult stats =
      Fetch(server_->http_port(), "GET",
            "/v1/projects:stats?district=%E9%B3%B3%E5%B1%B1%E5%8D%80");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_THAT(stats.body, HasSubstr("\"projectCount\":3"));

  HttpResult bad =
      Fetch(server_->http_port(), "GET", "/v1/projects?start_from=tomorrow");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("start_from"));
}

}  // namespace
}  // namespace pwis::testing
