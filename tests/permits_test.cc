// ExcavationService against the real PostGIS: lookup by permit number,
// the list filters, GeoJSON and the stream, the lifecycle the database
// enforces, and contractor phones kept out of every public answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "pwis/v1/excavation.grpc.pb.h"
#include "tests/support/db_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/json_path.h"
#include "tests/support/seed_permits.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListPermitsRequest;
using pwis::v1::ListPermitsResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kCentral[] = "POINT(120.3015 22.6205)";  // 前金區
constexpr char kFengshan[] =
    "LINESTRING(120.3570 22.6310, 120.3585 22.6310)";  // 鳳山區
constexpr char kPhone[] = "0912-345-678";

class PermitsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    Truncate("excavation_permits, pipeline_agencies CASCADE");
    power_ = InsertAgency(db(), {});
    AgencySpec water;
    water.code = "TWC-7";
    water.name_zh = "台灣自來水公司第七區管理處";
    water.name_en = "Taiwan Water Corporation 7th Branch";
    water.pipeline_type = "water";
    water_ = InsertAgency(db(), water);
  }
  pwis::v1::ExcavationService::Stub& permits() {
    return server().stub<pwis::v1::ExcavationService>();
  }
  int64_t Add(PermitSpec s) {
    if (s.agency_id == 0) s.agency_id = power_;
    if (s.wkt.empty()) s.wkt = kCentral;
    return InsertPermit(db(), s);
  }
  // Ids listed by `r` (at 2026-03-10 10:00 Taipei unless it sets a time).
  std::vector<int64_t> Ids(ListPermitsRequest r) {
    if (!r.has_at() && !r.has_window_start() && !r.has_window_end() &&
        r.date().empty() && !r.any_time() && !r.has_updated_since()) {
      *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
    }
    ListPermitsResponse resp;
    grpc::Status s = permits().ListPermits(Ctx().get(), r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<int64_t> ids;
    for (const auto& p : resp.permits()) ids.push_back(p.id());
    return ids;
  }
  int64_t power_ = 0, water_ = 0;
};

TEST_F(PermitsTest, GetByNumberAsAgenciesWriteIt) {
  PermitSpec s;
  s.road_names = {"四維三路"};
  s.extension = "[2026-03-15 00:00+08,2026-03-20 00:00+08)";
  s.work_start = "09:00";
  s.work_end = "17:00";
  int64_t id = Add(s);
  for (const char* no :
       {"K11500027", "k11500027", " Ｋ１１５００ ０２７ ", "K-11500027"}) {
    pwis::v1::GetPermitRequest g;
    g.set_permit_no(no);
    pwis::v1::Permit p;
    grpc::Status st = permits().GetPermit(Ctx().get(), g, &p);
    ASSERT_TRUE(st.ok()) << no << ": " << st.error_message();
    EXPECT_EQ(p.id(), id) << no;
  }
  pwis::v1::GetPermitRequest g;
  g.set_permit_no("K11500027");
  pwis::v1::Permit p;
  ASSERT_TRUE(permits().GetPermit(Ctx().get(), g, &p).ok());
  EXPECT_EQ(p.permit_no(), "K11500027");
  EXPECT_EQ(p.permit_key(), "K11500027");
  EXPECT_EQ(p.agency().code(), "TPC-KH");
  EXPECT_EQ(p.agency().name().zh_tw(), "台灣電力公司高雄區營業處");
  EXPECT_EQ(p.agency().public_phone(), "07-1911");
  EXPECT_EQ(p.agency().pipeline_type(), pwis::v1::PIPELINE_TYPE_ELECTRIC);
  EXPECT_EQ(p.pipeline_type(), pwis::v1::PIPELINE_TYPE_ELECTRIC);
  EXPECT_EQ(p.pipeline_type_label().zh_tw(), "電力");
  EXPECT_EQ(p.category(), pwis::v1::PERMIT_CATEGORY_GENERAL);
  EXPECT_EQ(p.category_label().en(), "General");
  EXPECT_EQ(p.status(), pwis::v1::PERMIT_STATUS_APPROVED);
  EXPECT_EQ(p.status_label().zh_tw(), "已核准");
  EXPECT_EQ(p.purpose(), "配電外線新設");
  EXPECT_EQ(p.contractor(), "測試電機工程行");
  EXPECT_THAT(
      std::vector<std::string>(p.road_names().begin(), p.road_names().end()),
      ElementsAre("四維三路"));
  EXPECT_EQ(p.district().name().zh_tw(), "前金區");
  EXPECT_EQ(p.approved_period().end_time().seconds(),
            Ts("2026-03-15T00:00:00+08:00").seconds());
  EXPECT_EQ(p.extension_period().start_time().seconds(),
            Ts("2026-03-15T00:00:00+08:00").seconds());
  // The digging period joins both.
  EXPECT_EQ(p.period().start_time().seconds(),
            Ts("2026-03-01T00:00:00+08:00").seconds());
  EXPECT_EQ(p.period().end_time().seconds(),
            Ts("2026-03-20T00:00:00+08:00").seconds());
  EXPECT_EQ(p.working_hours().start(), "09:00");
  EXPECT_FLOAT_EQ(p.dug_length().carriageway_m(), 12.5f);
  EXPECT_EQ(p.source(), "test");
  EXPECT_GT(p.update_time().seconds(), 0);
  EXPECT_EQ(JsonAt(p.geometry(), "type")->string_value(), "Point");
}

TEST_F(PermitsTest, UnknownDeletedAndBadNumbers) {
  PermitSpec gone;
  gone.permit_no = "W11502029";
  gone.deleted = true;
  Add(gone);
  pwis::v1::GetPermitRequest g;
  pwis::v1::Permit p;
  g.set_permit_no("K99999999");
  EXPECT_THAT(permits().GetPermit(Ctx().get(), g, &p),
              HasCode(grpc::StatusCode::NOT_FOUND));
  g.set_permit_no("W11502029");
  EXPECT_THAT(permits().GetPermit(Ctx().get(), g, &p),
              HasCode(grpc::StatusCode::NOT_FOUND));
  g.set_permit_no("   ");
  EXPECT_THAT(permits().GetPermit(Ctx().get(), g, &p),
              IsInvalidField("permit_no"));
  g.clear_permit_no();
  EXPECT_THAT(permits().GetPermit(Ctx().get(), g, &p),
              IsInvalidField("permit_no"));
}

TEST_F(PermitsTest, Filters) {
  int64_t a = Add({});  // electric, general, approved, 前金區
  PermitSpec w;
  w.permit_no = "W11500100";
  w.agency_id = water_;
  w.pipeline_type = "water";
  w.category = "emergency";
  w.wkt = kFengshan;
  w.road_names = {"光復路二段"};
  w.status = "in_progress";
  int64_t b = Add(w);
  PermitSpec later;
  later.permit_no = "K11500200";
  later.approved = "[2026-04-01 00:00+08,2026-04-10 00:00+08)";
  int64_t c = Add(later);
  PermitSpec refused;
  refused.permit_no = "K11500300";
  refused.status = "rejected";
  int64_t d = Add(refused);

  EXPECT_THAT(Ids({}), ElementsAre(a, b));
  ListPermitsRequest r;
  r.set_any_time(true);
  EXPECT_THAT(Ids(r), ElementsAre(a, b, c));
  r.add_status(pwis::v1::PERMIT_STATUS_REJECTED);
  EXPECT_THAT(Ids(r), ElementsAre(d));

  ListPermitsRequest by_type;
  by_type.add_pipeline_type(pwis::v1::PIPELINE_TYPE_WATER);
  EXPECT_THAT(Ids(by_type), ElementsAre(b));
  ListPermitsRequest by_category;
  by_category.add_category(pwis::v1::PERMIT_CATEGORY_EMERGENCY);
  EXPECT_THAT(Ids(by_category), ElementsAre(b));
  for (const char* agency : {"TWC-7", "自來水", "taiwan water"}) {
    ListPermitsRequest by_agency;
    by_agency.set_agency(agency);
    EXPECT_THAT(Ids(by_agency), ElementsAre(b)) << agency;
  }
  ListPermitsRequest by_district;
  by_district.set_district("鳳山區");
  EXPECT_THAT(Ids(by_district), ElementsAre(b));
  ListPermitsRequest by_road;
  by_road.set_road("光復");
  EXPECT_THAT(Ids(by_road), ElementsAre(b));
  ListPermitsRequest by_box;
  by_box.set_bbox("120.29,22.61,120.31,22.63");
  EXPECT_THAT(Ids(by_box), ElementsAre(a));
  ListPermitsRequest by_circle;
  by_circle.set_lng(120.3578);
  by_circle.set_lat(22.6312);
  by_circle.set_radius_m(100);
  EXPECT_THAT(Ids(by_circle), ElementsAre(b));
  // Over HTTP as the README shows it.
  HttpResult h = Fetch(server().http_port(), "GET",
                       "/v1/permits?district=%E9%B3%B3%E5%B1%B1%E5%8D%80"
                       "&pipelineType=PIPELINE_TYPE_WATER&anyTime=true");
  ASSERT_EQ(h.status, 200) << h.body;
  google::protobuf::Struct doc = ParseJson(h.body);
  ASSERT_EQ(JsonSize(doc, "permits"), 1) << h.body;
  EXPECT_EQ(JsonAt(doc, "permits[0].id")->string_value(), absl::StrCat(b));
  EXPECT_EQ(JsonAt(doc, "permits[0].pipelineTypeLabel.zhTw")->string_value(),
            "自來水");
  ListPermitsRequest in_april;
  *in_april.mutable_at() = Ts("2026-04-05T12:00:00+08:00");
  EXPECT_THAT(Ids(in_april), ElementsAre(c));
}

TEST_F(PermitsTest, ExtensionCountsForTimeFilters) {
  PermitSpec s;
  s.extension = "[2026-03-15 00:00+08,2026-03-20 00:00+08)";
  int64_t id = Add(s);
  ListPermitsRequest r;
  *r.mutable_at() = Ts("2026-03-18T12:00:00+08:00");
  EXPECT_THAT(Ids(r), ElementsAre(id));
  *r.mutable_at() = Ts("2026-03-20T00:00:00+08:00");
  EXPECT_THAT(Ids(r), ::testing::IsEmpty());
}

TEST_F(PermitsTest, BadFiltersNameTheField) {
  ListPermitsRequest r;
  r.add_pipeline_type(pwis::v1::PIPELINE_TYPE_UNSPECIFIED);
  ListPermitsResponse resp;
  EXPECT_THAT(permits().ListPermits(Ctx().get(), r, &resp),
              IsInvalidField("pipeline_type[0]"));
  ListPermitsRequest spaces;
  spaces.set_agency("  ");
  EXPECT_THAT(permits().ListPermits(Ctx().get(), spaces, &resp),
              IsInvalidField("agency"));
  ListPermitsRequest district;
  district.set_district("Atlantis");
  EXPECT_THAT(permits().ListPermits(Ctx().get(), district, &resp),
              IsInvalidField("district"));
}

TEST_F(PermitsTest, PagingWalksEveryPermitOnce) {
  std::vector<int64_t> all;
  for (int i = 0; i < 7; ++i) {
    PermitSpec s;
    s.permit_no = absl::StrCat("K1150100", i);
    all.push_back(Add(s));
  }
  ListPermitsRequest r;
  r.set_any_time(true);
  r.set_page_size(3);
  std::vector<int64_t> seen;
  for (int pages = 0; pages < 5; ++pages) {
    ListPermitsResponse resp;
    ASSERT_TRUE(permits().ListPermits(Ctx().get(), r, &resp).ok());
    for (const auto& p : resp.permits()) seen.push_back(p.id());
    if (resp.next_page_token().empty()) break;
    r.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(seen, all);
}

// The lifecycle moves only along allowed transitions, each recorded with
// when and by whom.
TEST_F(PermitsTest, LifecycleIsEnforcedAndRecorded) {
  PermitSpec s;
  s.status = "applied";
  int64_t id = Add(s);
  auto move = [&](const char* to) {
    try {
      db().Exec(absl::StrCat(
          "SET pwis.actor = 'feed:test'; UPDATE excavation_permits SET "
          "status = '",
          to, "' WHERE id = ", id));
      return true;
    } catch (const std::exception&) {
      return false;
    }
  };
  EXPECT_FALSE(move("in_progress")) << "applied → in_progress skips approval";
  EXPECT_TRUE(move("approved"));
  EXPECT_FALSE(move("completed"));
  EXPECT_TRUE(move("in_progress"));
  EXPECT_FALSE(move("approved")) << "no way back";
  EXPECT_TRUE(move("backfilled"));
  EXPECT_TRUE(move("completed"));
  EXPECT_FALSE(move("revoked"));
  EXPECT_EQ(db().QueryValue(absl::StrCat(
                "SELECT string_agg(status::text, ',' ORDER BY changed_at) "
                "FROM permit_status_history WHERE permit_id = ",
                id)),
            "applied,approved,in_progress,backfilled,completed");
  EXPECT_EQ(db().QueryValue(absl::StrCat(
                "SELECT count(*) FROM permit_status_history WHERE permit_id = ",
                id, " AND changed_by = 'feed:test'")),
            "4");
}

// The contractor's phone (often a personal mobile) is in no public answer:
// not in the gRPC messages' bytes, not in JSON, GeoJSON or the stream.
TEST_F(PermitsTest, ContractorPhoneIsNeverPublished) {
  Add({});
  pwis::v1::GetPermitRequest g;
  g.set_permit_no("K11500027");
  pwis::v1::Permit p;
  ASSERT_TRUE(permits().GetPermit(Ctx().get(), g, &p).ok());
  EXPECT_THAT(p.SerializeAsString(), Not(HasSubstr(kPhone)));
  ListPermitsRequest r;
  r.set_any_time(true);
  ListPermitsResponse resp;
  ASSERT_TRUE(permits().ListPermits(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.permits_size(), 1);
  EXPECT_THAT(resp.SerializeAsString(), Not(HasSubstr(kPhone)));
  int port = server().http_port();
  for (const char* target :
       {"/v1/permits/K11500027", "/v1/permits?anyTime=true",
        "/v1/permits:geojson?any_time=true",
        "/v1/permits:stream?anyTime=true"}) {
    HttpResult h = Fetch(port, "GET", target);
    ASSERT_EQ(h.status, 200) << target << ": " << h.body;
    EXPECT_THAT(h.body, HasSubstr("測試電機工程行")) << target;
    EXPECT_THAT(h.body, Not(HasSubstr(kPhone))) << target;
    EXPECT_THAT(h.body, Not(HasSubstr("0912"))) << target;
  }
}

TEST_F(PermitsTest, GeoJsonCarriesLabelsAndLocalTimes) {
  Add({});
  HttpResult h =
      Fetch(server().http_port(), "GET", "/v1/permits:geojson?any_time=true");
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_EQ(h.headers.at("content-type"), "application/geo+json");
  google::protobuf::Struct fc = ParseJson(h.body);
  EXPECT_EQ(JsonAt(fc, "numberReturned")->number_value(), 1);
  EXPECT_EQ(JsonAt(fc, "features[0].geometry.type")->string_value(), "Point");
  const char* props = "features[0].properties.";
  auto at = [&](const std::string& name) {
    const google::protobuf::Value* v = JsonAt(fc, props + name);
    return v == nullptr ? std::string("<absent>") : v->string_value();
  };
  EXPECT_EQ(at("permit_no"), "K11500027");
  EXPECT_EQ(at("agency_code"), "TPC-KH");
  EXPECT_EQ(at("pipeline_type"), "electric");
  EXPECT_EQ(at("pipeline_type_label.zh_tw"), "電力");
  EXPECT_EQ(at("status_label.en"), "Approved");
  EXPECT_EQ(at("category_label.zh_tw"), "一般挖掘");
  EXPECT_EQ(at("start_time"), "2026-03-01T00:00:00+08:00");
  EXPECT_EQ(at("end_time"), "2026-03-15T00:00:00+08:00");
}

}  // namespace
}  // namespace pwis::testing
