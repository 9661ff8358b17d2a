// Routes derived from google.api.http rules: every binding kind is read,
// bad rules fail at start-up with a message naming the method, and the
// router picks the most specific route, or says 404 / 405 with Allow.
#include "gateway/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/routes.h"
#include "pwis/testing/gateway_test.pb.h"
#include "pwis/v1/districts.pb.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const google::protobuf::ServiceDescriptor* Service(const std::string& name) {
  // Touch the generated files so the linker keeps them (and their
  // descriptors reach the generated pool).
  static const bool linked = pwis::testing::Echo::descriptor() != nullptr &&
                             pwis::v1::RoadWork::descriptor() != nullptr &&
                             pwis::v1::District::descriptor() != nullptr;
  EXPECT_TRUE(linked);
  auto* s =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          name);
  EXPECT_NE(s, nullptr) << name;
  return s;
}

Router GoodRouter() {
  auto routes = LoadRoutes({Service("pwis.testing.GoodService")});
  EXPECT_TRUE(routes.ok()) << routes.status();
  auto router = Router::Build(std::move(*routes));
  EXPECT_TRUE(router.ok()) << router.status();
  return std::move(*router);
}

TEST(RoutesTest, ReadsEveryBindingKind) {
  auto routes = LoadRoutes({Service("pwis.testing.GoodService")});
  ASSERT_TRUE(routes.ok()) << routes.status();
  std::vector<std::string> seen;
  for (const Route& r : *routes) {
    seen.push_back(r.http_method + " " + r.path.ToString() + " " +
                   r.method->name() + " body=" + r.body +
                   " response_body=" + r.response_body);
  }
  EXPECT_THAT(
      seen,
      ElementsAre(
          "GET /v1/echo/{id} Get body= response_body=",
          "GET /v1/things/{inner.name}/echo/{id} Get body= response_body=",
          "POST /v1/echo/{id}:check Get body=* response_body=",
          "POST /v1/echo Create body=payload response_body=inner",
          "GET /v1/files/{path=**} Files body= response_body=",
          "PATCH /v1/echo/{id} Update body=* response_body=",
          "DELETE /v1/echo/{id} Remove body= response_body=",
          "HEAD /v1/echo/{id} Head body= response_body=",
          "POST /v1/echo/{id}:tags Tags body=tags response_body=tags"));
}

TEST(RoutesTest, PwisServicesAllHaveValidRules) {
  auto routes = LoadRoutes(
      {Service("pwis.v1.RoadWorkService"), Service("pwis.v1.DistrictService")});
  ASSERT_TRUE(routes.ok()) << routes.status();
  EXPECT_EQ(routes->size(), 7u);
  auto router = Router::Build(std::move(*routes));
  ASSERT_TRUE(router.ok()) << router.status();
  auto r = router->Find("GET", "/v1/roadworks:geojson");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->method->name(), "ExportRoadWorksGeoJson");
  r = router->Find("GET", "/v1/roadworks/12");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->method->name(), "GetRoadWork");
  r = router->Find("GET", "/v1/districts:locate");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->method->name(), "LocateDistrict");
}

TEST(RoutesTest, BadRulesFailAtStartUpNamingTheMethod) {
  const std::pair<const char*, const char*> cases[] = {
      {"pwis.testing.UnknownPathField", "no field 'nope'"},
      {"pwis.testing.RepeatedPathField", "is repeated"},
      {"pwis.testing.MessagePathField", "is a message"},
      {"pwis.testing.UnknownBodyField", "body: no field 'nope'"},
      {"pwis.testing.GetWithBody", "must not have a body"},
      {"pwis.testing.BadTemplate", "expected '}'"},
      {"pwis.testing.UnknownResponseBody", "response_body: no field 'nope'"},
      {"pwis.testing.NestedAdditionalBindings", "must not nest"},
      {"pwis.testing.ClientStreaming", "client-streaming"},
  };
  for (const auto& [service, message] : cases) {
    auto routes = LoadRoutes({Service(service)});
    ASSERT_FALSE(routes.ok()) << service;
    EXPECT_THAT(std::string(routes.status().message()), HasSubstr(message))
        << service;
    EXPECT_THAT(std::string(routes.status().message()),
                HasSubstr(std::string(service) + ".M"));
  }
}

TEST(RouterTest, ConflictingRulesFailAtStartUp) {
  auto routes = LoadRoutes({Service("pwis.testing.GoodService"),
                            Service("pwis.testing.ConflictsWithGood")});
  ASSERT_TRUE(routes.ok());
  auto router = Router::Build(std::move(*routes));
  ASSERT_FALSE(router.ok());
  EXPECT_THAT(std::string(router.status().message()),
              HasSubstr("pwis.testing.ConflictsWithGood.M"));
  EXPECT_THAT(std::string(router.status().message()),
              HasSubstr("pwis.testing.GoodService.Get"));
}

TEST(RouterTest, PercentEncodedLiteralsConflictWithTheirDecodedForm) {
  const auto* m = Service("pwis.testing.GoodService")->method(0);
  auto route = [&](const char* path) {
    return Route{"GET", *PathTemplate::Parse(path), m, "", "", ""};
  };
  EXPECT_FALSE(Router::Build({route("/v1/a%62"), route("/v1/ab")}).ok());
  // An encoded slash is one segment, not two.
  EXPECT_TRUE(Router::Build({route("/v1/a%2Fb"), route("/v1/a/b")}).ok());
}

TEST(RouterTest, FindsRouteAndBindings) {
  Router router = GoodRouter();
  auto r = router.Find("GET", "/v1/things/a%20b/echo/7");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->method->name(), "Get");
  ASSERT_EQ(r.bindings.size(), 2u);
  EXPECT_EQ(r.bindings[0].field_path, "inner.name");
  EXPECT_EQ(r.bindings[0].value, "a b");
  EXPECT_EQ(r.bindings[1].value, "7");

  r = router.Find("POST", "/v1/echo/7:check");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->body, "*");

  r = router.Find("GET", "/v1/files/a/b/c.txt");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.bindings[0].value, "a/b/c.txt");

  r = router.Find("HEAD", "/v1/echo/7");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.route->method->name(), "Head");
}

TEST(RouterTest, KnownPathWrongMethodListsAllowedMethods) {
  Router router = GoodRouter();
  auto r = router.Find("PUT", "/v1/echo/7");
  EXPECT_EQ(r.route, nullptr);
  EXPECT_THAT(r.allowed_methods, ElementsAre("DELETE", "GET", "HEAD", "PATCH"));
  r = router.Find("GET", "/v1/echo");
  EXPECT_EQ(r.route, nullptr);
  EXPECT_THAT(r.allowed_methods, ElementsAre("POST"));
}

TEST(RouterTest, UnknownPathIsNotFound) {
  Router router = GoodRouter();
  for (const char* path : {"/v1/nothing", "/v1/echo/7/extra", "/v1/echo/", "/",
                           "", "/v1/echo:check"}) {
    auto r = router.Find("GET", path);
    EXPECT_EQ(r.route, nullptr) << path;
    EXPECT_TRUE(r.allowed_methods.empty()) << path;
  }
}

TEST(RouterTest, UnknownVerbIsPartOfTheLastSegment) {
  // No rule has the verb ":nope", so the colon is ordinary text and binds
  // into {id}; the request then fails binding ("7:nope" is the id).
  Router router = GoodRouter();
  auto r = router.Find("GET", "/v1/echo/7:nope");
  ASSERT_NE(r.route, nullptr);
  EXPECT_EQ(r.bindings[0].value, "7:nope");
}

}  // namespace
}  // namespace pwis::gateway
