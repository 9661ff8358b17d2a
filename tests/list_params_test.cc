// The shared list plumbing without a database: parameter parsing
// (services/common/list_params), SQL fragments (gis/store/sql_fragments)
// and the domain list (services/server/domains.cc).
#include "services/common/list_params.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"
#include "protos/descriptor_set.h"
#include "pwis/v1/roadworks.pb.h"
#include "services/server/domain.h"
#include "tests/support/status_matchers.h"

namespace pwis::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct BadParams {
  const char* name;
  std::function<absl::Status()> parse;
  const char* field;
};

absl::Status Bbox(const char* text) { return ParseBbox(text).status(); }
absl::Status Circle(std::optional<double> lng, std::optional<double> lat,
                    double r) {
  return ParseCircle({lng, lat, r}).status();
}
absl::Status Text(const char* v) { return ParseTextFilter(v, "road").status(); }

const BadParams kBad[] = {
    {"BboxTooFewNumbers", [] { return Bbox("120,22,121"); }, "bbox"},
    {"BboxHex", [] { return Bbox("0x78,22,121,23"); }, "bbox"},
    {"BboxInfinity", [] { return Bbox("inf,22,121,23"); }, "bbox"},
    {"BboxSwapped", [] { return Bbox("121,22,120,23"); }, "bbox"},
    {"BboxLatOutOfRange", [] { return Bbox("120,-91,121,23"); }, "bbox"},
    {"CircleWithoutLat", [] { return Circle(120.3, std::nullopt, 10); }, "lat"},
    {"CircleWithoutLng", [] { return Circle(std::nullopt, 22.6, 10); }, "lng"},
    {"CircleRadiusOnly", [] { return Circle(std::nullopt, std::nullopt, 10); },
     "lng"},
    {"CircleWithoutRadius", [] { return Circle(120.3, 22.6, 0); }, "radius_m"},
    {"CircleNaNRadius", [] { return Circle(120.3, 22.6, NAN); }, "radius_m"},
    {"CircleHugeRadius", [] { return Circle(120.3, 22.6, 50001); }, "radius_m"},
    {"CircleLngOutOfRange", [] { return Circle(181, 22.6, 10); }, "lng"},
    {"DateNotADay", [] { return ParseLocalDate("2026-02-30").status(); },
     "date"},
    {"DateYearOne", [] { return ParseLocalDate("0001-01-01").status(); },
     "date"},
    {"DateOtherField",
     [] { return ParseLocalDate("x", "issued_from").status(); }, "issued_from"},
    {"TextOnlySpaces", [] { return Text("   "); }, "road"},
    {"TextTooLong", [] { return Text(std::string(101, 'a').c_str()); }, "road"},
    {"PageSizeNegative", [] { return PageLimit(-1).status(); }, "page_size"},
    {"PageSizeTooBig", [] { return PageLimit(1001).status(); }, "page_size"},
    {"GeometryFormatUnknown", [] { return CheckGeometryFormat(9); },
     "geometry_format"},
};

class BadParamsTest : public ::testing::TestWithParam<BadParams> {};

TEST_P(BadParamsTest, IsInvalidArgumentNamingTheField) {
  EXPECT_THAT(GetParam().parse(), IsInvalidField(GetParam().field));
}

INSTANTIATE_TEST_SUITE_P(ListParams, BadParamsTest, ::testing::ValuesIn(kBad),
                         [](const ::testing::TestParamInfo<BadParams>& i) {
                           return std::string(i.param.name);
                         });

TEST(ListParamsTest, GoodValuesParse) {
  auto box = ParseBbox(" 120.1, 22.5 ,120.4,22.8");
  ASSERT_TRUE(box.ok()) << box.status();
  EXPECT_EQ(box->min_lng, 120.1);
  EXPECT_EQ(box->max_lat, 22.8);
  auto none = ParseCircle({});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto circle = ParseCircle({120.3, 22.6, 50000});
  ASSERT_TRUE(circle.ok());
  EXPECT_EQ((*circle)->radius_m, 50000);
  EXPECT_EQ(*ParseTextFilter("  中山  ", "road"), "中山");
  EXPECT_EQ(*ParseTextFilter("", "road"), "");
  EXPECT_EQ(*PageLimit(0), kDefaultPageSize);
  EXPECT_EQ(*PageLimit(1000), 1000);
}

TEST(ListParamsTest, LocalDateIsATaipeiDay) {
  auto day = ParseLocalDate("2026-03-10");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->kind, store::TimeFilter::kWindow);
  EXPECT_EQ(
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *day->from, absl::UTCTimeZone()),
      "2026-03-09T16:00:00Z");
  EXPECT_EQ(*day->to - *day->from, absl::Hours(24));
}

TEST(ListParamsTest, TimeFieldsAreExclusiveAndDefaultToNow) {
  absl::Time now = absl::FromUnixSeconds(1780000000);
  pwis::v1::ListRoadWorksRequest r;
  auto t = ParseTimeFields(TimeFieldsOf(r), now);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->defaulted);
  EXPECT_EQ(t->filter.kind, store::TimeFilter::kAt);
  EXPECT_EQ(t->filter.at, now);

  r.set_any_time(true);
  r.set_date("2026-03-10");
  EXPECT_THAT(ParseTimeFields(TimeFieldsOf(r), now).status(),
              IsInvalidField("date"));

  pwis::v1::ListRoadWorksRequest w;
  w.mutable_window_start()->set_seconds(1780000000);
  w.mutable_window_end()->set_seconds(1780000000);
  EXPECT_THAT(ParseTimeFields(TimeFieldsOf(w), now).status(),
              IsInvalidField("window_end"));
  w.mutable_window_end()->set_seconds(1780000001);
  auto win = ParseTimeFields(TimeFieldsOf(w), now);
  ASSERT_TRUE(win.ok());
  EXPECT_FALSE(win->defaulted);
  EXPECT_EQ(win->filter.kind, store::TimeFilter::kWindow);

  pwis::v1::ListRoadWorksRequest u;
  u.mutable_updated_since()->set_seconds(1780000000);
  auto any = ParseTimeFields(TimeFieldsOf(u), now);
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(any->filter.kind, store::TimeFilter::kAny);
}

TEST(ListParamsTest, PageTokensAreBoundToTheRequestAndCarryTheMinute) {
  PageTokenCodec tokens("secret");
  absl::Time now = absl::FromUnixSeconds(1780000000 + 59);
  pwis::v1::ListRoadWorksRequest r;
  r.set_road("中山");
  auto first = ParsePaging(r, "", /*default_time=*/true, now, tokens);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->now_us % 60000000, 0) << "not the whole minute";
  EXPECT_FALSE(first->after.has_value());
  std::string token =
      NextPageToken(*first, store::ListPosition{123, 45}, tokens);
  EXPECT_EQ(NextPageToken(*first, std::nullopt, tokens), "");

  // Later pages see the first page's instant and position, whatever the
  // clock says; page_size may change.
  r.set_page_size(7);
  auto next = ParsePaging(r, token, true, now + absl::Hours(1), tokens);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->now_us, first->now_us);
  ASSERT_TRUE(next->after.has_value());
  EXPECT_EQ(next->after->start_us, 123);
  EXPECT_EQ(next->after->id, 45);

  // Another filter, or another request type with the same fields, is
  // another query.
  r.set_road("民族");
  EXPECT_THAT(ParsePaging(r, token, true, now, tokens).status(),
              IsInvalidField("page_token"));
  pwis::v1::GetRoadWorkRequest other;
  EXPECT_THAT(ParsePaging(other, token, true, now, tokens).status(),
              IsInvalidField("page_token"));
}

TEST(SqlFragmentsTest, FragmentsUseTheAliasAndNumberTheirOwnPlaceholders) {
  store::SqlBuilder q;
  q.Where(store::BboxCondition(q, "p", {120.1, 22.5, 120.4, 22.8}));
  q.Where(store::CircleCondition(q, "p", {120.3, 22.6, 500}));
  q.Where(store::Substring(q, "p.road_text", "50%_off\\"));
  q.Where(store::PeriodCondition(q, "p", {}));  // kAny: no condition.
  q.Where(store::AnyOf(q, "p.status", {"active", "a\"b"}, "text[]"));
  q.Where(store::NotDeleted("p"));
  std::string where = q.WhereClause();
  EXPECT_THAT(where, HasSubstr("ST_Intersects(p.geom, ST_MakeEnvelope("
                               "$1::float8, $2::float8, $3::float8, "
                               "$4::float8, 4326))"));
  EXPECT_THAT(where, HasSubstr("ST_DWithin(p.geom_tm2, ST_Transform(ST_SetSRID("
                               "ST_MakePoint($5::float8, $6::float8), 4326), "
                               "3826), $7::float8)"));
  EXPECT_THAT(where, HasSubstr("p.road_text LIKE $8::text"));
  EXPECT_THAT(where, HasSubstr("p.status = ANY($9::text[])"));
  EXPECT_THAT(where, HasSubstr("p.deleted_at IS NULL"));
  EXPECT_THAT(q.params(),
              ElementsAre("120.09999999999999", "22.5", "120.40000000000001",
                          "22.800000000000001", "120.3", "22.600000000000001",
                          // The radius to the millimetre (kDistanceToleranceM).
                          "500.00099999999998", "%50\\%\\_off\\\\%",
                          "{\"active\",\"a\\\"b\"}"));

  store::SqlBuilder t;
  store::TimeFilter at;
  at.kind = store::TimeFilter::kAt;
  at.at = absl::FromUnixSeconds(0);
  EXPECT_EQ(store::PeriodCondition(t, "x", at),
            "x.period @> $1::timestamptz AND pwis_hours_contain(x.work_start, "
            "x.work_end, ($1::timestamptz AT TIME ZONE 'Asia/Taipei')::time)");
  EXPECT_EQ(store::KeysetAfter(t, "x", "lower(x.period)", {5, 6}),
            "(lower(x.period), x.id) > ('epoch'::timestamptz + $2::int8 * "
            "interval '1 microsecond', $3::int8)");
}

TEST(DomainsTest, EveryPwisServiceIsRegisteredOnce) {
  std::set<std::string> names;
  for (const DomainEntry& e : Domains()) {
    EXPECT_TRUE(names.insert(e.service).second) << e.service << " twice";
    EXPECT_NE(
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            e.service),
        nullptr)
        << e.service;
  }
  // Every service a pwis.v1 proto defines has a domain.
  google::protobuf::FileDescriptorSet set;
  absl::string_view bytes = protos::DescriptorSetWithComments();
  ASSERT_TRUE(set.ParseFromArray(bytes.data(), bytes.size()));
  int services = 0;
  for (const auto& file : set.file()) {
    if (file.package() != "pwis.v1") continue;
    for (const auto& s : file.service()) {
      ++services;
      EXPECT_EQ(names.count("pwis.v1." + s.name()), 1u)
          << s.name() << " has no domain in services/server/domains.cc";
    }
  }
  EXPECT_EQ(services, static_cast<int>(names.size()));
}

}  // namespace
}  // namespace pwis::testing
