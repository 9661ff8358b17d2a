// Query-parameter, path and body binding (gateway/request_binding.h) for
// every field kind, with both proto and JSON names.
#include "gateway/request_binding.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "pwis/testing/gateway_test.pb.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::gateway {
namespace {

using pwis::testing::Everything;
using ::testing::HasSubstr;

absl::Status Bind(Everything* m, const std::string& query,
                  std::vector<PathTemplate::Binding> path = {}) {
  auto q = ParseQueryString(query);
  if (!q.ok()) return q.status();
  return BindPathAndQuery(m, path, *q, {"pretty"});
}

TEST(ParseQueryStringTest, DecodesPairs) {
  auto q = ParseQueryString("a=1&b=x+y&c&d=%E4%B8%AD%E5%B1%B1&&e=a%26b%3Dc");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(
      *q,
      (QueryParams{
          {"a", "1"}, {"b", "x y"}, {"c", ""}, {"d", "中山"}, {"e", "a&b=c"}}));
  EXPECT_FALSE(ParseQueryString("a=%zz").ok());
}

TEST(RequestBindingTest, EveryScalarKind) {
  Everything m;
  ASSERT_TRUE(
      Bind(&m,
           "s=hi&i32=-5&i64=9007199254740993&u32=7&u64=18446744073709551615"
           "&si32=-3&f64=12&f=1.5&d=-2.25&b=true&raw=aGk%3D&color=GREEN")
          .ok());
  EXPECT_EQ(m.s(), "hi");
  EXPECT_EQ(m.i32(), -5);
  EXPECT_EQ(m.i64(), 9007199254740993LL);
  EXPECT_EQ(m.u32(), 7u);
  EXPECT_EQ(m.u64(), 18446744073709551615ULL);
  EXPECT_EQ(m.si32(), -3);
  EXPECT_EQ(m.f64(), 12u);
  EXPECT_FLOAT_EQ(m.f(), 1.5f);
  EXPECT_DOUBLE_EQ(m.d(), -2.25);
  EXPECT_TRUE(m.b());
  EXPECT_EQ(m.raw(), "hi");
  EXPECT_EQ(m.color(), Everything::GREEN);
}

TEST(RequestBindingTest, EnumsByNameOrNumberBytesUrlSafe) {
  Everything m;
  ASSERT_TRUE(Bind(&m, "color=2&raw=-_8").ok());
  EXPECT_EQ(m.color(), Everything::GREEN);
  EXPECT_EQ(m.raw(), "\xfb\xff");
}

TEST(RequestBindingTest, RepeatedFieldsTakeEveryOccurrence) {
  Everything m;
  ASSERT_TRUE(
      Bind(&m,
           "tags=a&tags=b&numbers=1&numbers=2&numbers=3&colors=RED&colors=2")
          .ok());
  EXPECT_THAT(m.tags(), ::testing::ElementsAre("a", "b"));
  EXPECT_THAT(m.numbers(), ::testing::ElementsAre(1, 2, 3));
  EXPECT_THAT(m.colors(),
              ::testing::ElementsAre(Everything::RED, Everything::GREEN));
}

TEST(RequestBindingTest, NestedFieldsByDottedPathWithProtoOrJsonNames) {
  Everything m;
  ASSERT_TRUE(Bind(&m, "inner.name=x&inner.child.id=4&camelCaseName=c").ok());
  EXPECT_EQ(m.inner().name(), "x");
  EXPECT_EQ(m.inner().child().id(), 4);
  EXPECT_EQ(m.camel_case_name(), "c");
  Everything n;
  ASSERT_TRUE(Bind(&n, "camel_case_name=d").ok());
  EXPECT_EQ(n.camel_case_name(), "d");
}

TEST(RequestBindingTest, WellKnownTypes) {
  Everything m;
  ASSERT_TRUE(Bind(&m,
                   "at=2026-03-10T10:00:00%2B08:00&wait=1.5s&mask=inner.name,"
                   "camelCaseName"
                   "&maybe_count=7&maybeName=x&maybe_flag=false")
                  .ok());
  EXPECT_EQ(m.at().seconds(), 1773108000);
  EXPECT_EQ(m.wait().seconds(), 1);
  EXPECT_EQ(m.wait().nanos(), 500000000);
  EXPECT_THAT(m.mask().paths(),
              ::testing::ElementsAre("inner.name", "camel_case_name"));
  EXPECT_EQ(m.maybe_count().value(), 7);
  EXPECT_EQ(m.maybe_name().value(), "x");
  EXPECT_TRUE(m.has_maybe_flag());
  EXPECT_FALSE(m.maybe_flag().value());
}

TEST(RequestBindingTest, ProtoOptionalAndOneof) {
  Everything m;
  ASSERT_TRUE(Bind(&m, "opt=0&first=a").ok());
  EXPECT_TRUE(m.has_opt());
  EXPECT_EQ(m.first(), "a");
  Everything n;
  absl::Status s = Bind(&n, "first=a&second=2");
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_THAT(std::string(s.message()), HasSubstr("second"));
}

TEST(RequestBindingTest, BadValuesNameTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"i32=x", "i32:"},
      {"i32=2147483648", "i32:"},
      {"u32=-1", "u32:"},
      {"d=1e999", "d:"},
      {"f=1e39", "f:"},
      {"b=yes", "b:"},
      {"color=BLUE", "color:"},
      {"raw=%%%", "malformed"},
      {"raw=***", "raw:"},
      {"at=yesterday", "at:"},
      {"wait=5", "wait:"},
      {"inner=x", "inner:"},
      {"blob=x", "blob:"},
      {"s=a&s=b", "more than once"},
      {"tags.x=1", "unknown query parameter: tags.x"},
      {"mask=a&mask=b", "more than once"},
      {"s=%FF", "s: not valid UTF-8"},
      {"s=%C0%AF", "s: not valid UTF-8"},     // overlong '/'
      {"s=%ED%A0%80", "s: not valid UTF-8"},  // surrogate
      {"s=%E4%B8", "s: not valid UTF-8"},     // truncated
      {"tags=ok&tags=%F5%80%80%80", "tags: not valid UTF-8"},
  };
  for (const auto& [query, expect] : cases) {
    Everything m;
    absl::Status s = Bind(&m, query);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << query;
    EXPECT_THAT(std::string(s.message()), HasSubstr(expect))
        << query << ": " << s.message();
  }
}

TEST(RequestBindingTest, UnknownParametersAreNamedAllAtOnce) {
  Everything m;
  absl::Status s = Bind(&m, "s=x&nope=1&inner.nope=2&pretty");
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_THAT(std::string(s.message()), HasSubstr("nope, inner.nope"));
}

TEST(RequestBindingTest, PathBoundFieldsCannotBeOverridden) {
  Everything m;
  absl::Status s = Bind(&m, "s=y", {{"s", "x"}});
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_THAT(std::string(s.message()), HasSubstr("bound by the URL path"));
  Everything n;
  s = Bind(&n, "inner.child.id=3", {{"inner.name", "x"}});
  EXPECT_TRUE(s.ok()) << s;  // A sibling of a bound field is fine.
  Everything o;
  s = Bind(&o, "camelCaseName=y", {{"camel_case_name", "x"}});
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << "JSON name of a bound field";
}

TEST(RequestBindingTest, RealListRoadWorksRequest) {
  pwis::v1::ListRoadWorksRequest r;
  auto q = ParseQueryString(
      "bbox=120.29,22.61,120.33,22.64&district=%E8%8B%93%E9%9B%85%E5%8D%80"
      "&status=ROAD_WORK_STATUS_ACTIVE&status=2&pageSize=10&lng=120.3&lat=22.6&"
      "radius_m=500"
      "&window_start=2026-03-10T00:00:00Z");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(BindPathAndQuery(&r, {}, *q, {}).ok());
  EXPECT_EQ(r.district(), "苓雅區");
  EXPECT_EQ(r.status_size(), 2);
  EXPECT_EQ(r.page_size(), 10);
  EXPECT_TRUE(r.has_lng());
  EXPECT_EQ(r.window_start().seconds(), 1773100800);
}

TEST(RequestBindingTest, BodyWholeOrField) {
  Everything m;
  ASSERT_TRUE(
      BindBody(&m, "*",
               R"({"s":"x","camel_case_name":"a","inner":{"name":"n"}})")
          .ok());
  EXPECT_EQ(m.s(), "x");
  EXPECT_EQ(m.camel_case_name(), "a");
  EXPECT_EQ(m.inner().name(), "n");
  Everything n;
  ASSERT_TRUE(BindBody(&n, "inner", R"({"name":"n","id":"5"})").ok());
  EXPECT_EQ(n.inner().id(), 5);
  Everything o;
  ASSERT_TRUE(BindBody(&o, "tags", R"(["a","b"])").ok());
  EXPECT_EQ(o.tags_size(), 2);
  for (const char* bad :
       {"{", R"({"nope":1})", R"({"s":5})", "[1]", R"({"i32":"x"})"}) {
    Everything p;
    EXPECT_TRUE(absl::IsInvalidArgument(BindBody(&p, "*", bad))) << bad;
  }
}

// A body's bad value is refused naming its field, as a query parameter's
// is; only errors of the JSON itself name "body".
TEST(RequestBindingTest, BodyErrorsNameTheField) {
  struct Case {
    const char* field;
    const char* body;
    const char* expect;
  };
  for (const Case& c : {
           Case{"*", R"({"s":5})", "s"},
           Case{"*", R"({"i32":"x"})", "i32"},
           Case{"*", R"({"inner":{"id":"1.5"}})", "inner.id"},
           Case{"*", R"({"nope":1})", "nope"},
           Case{"*", "{", "body"},
           Case{"*", R"({"i32":1e400})", "i32"},  // Tied to its member.
           Case{"inner", R"({"id":"x"})", "inner.id"},
       }) {
    Everything m;
    absl::Status s = BindBody(&m, c.field, c.body);
    ASSERT_TRUE(absl::IsInvalidArgument(s)) << c.body;
    EXPECT_TRUE(absl::StartsWith(s.message(), absl::StrCat(c.expect, ": ")))
        << c.body << " → " << s.message();
    EXPECT_EQ(s.message().find('\n'), absl::string_view::npos) << s.message();
  }
}

}  // namespace
}  // namespace pwis::gateway
