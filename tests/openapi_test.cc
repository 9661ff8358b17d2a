// The generated OpenAPI 3 document, validated structurally: every route
// appears under its path and method, every $ref resolves, path parameters
// match their placeholders, operation ids are unique, and parameters,
// bodies, responses and schemas follow the rules and the proto3 JSON
// mapping.
#include "gateway/openapi.h"

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "gateway/proto_comments.h"
#include "gateway/routes.h"
#include "protos/descriptor_set.h"
#include "pwis/testing/gateway_test.pb.h"
#include "pwis/v1/districts.pb.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::gateway {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;
using ::testing::Contains;
using ::testing::Not;

const google::protobuf::ServiceDescriptor* Service(const std::string& name) {
  (void)pwis::v1::RoadWork::descriptor();
  (void)pwis::v1::District::descriptor();
  (void)pwis::testing::Echo::descriptor();
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      name);
}

const Value& Get(const Value& v, const std::string& key) {
  static const Value kMissing;
  if (!v.has_struct_value()) return kMissing;
  auto it = v.struct_value().fields().find(key);
  return it == v.struct_value().fields().end() ? kMissing : it->second;
}
bool Has(const Value& v, const std::string& key) {
  return v.has_struct_value() && v.struct_value().fields().count(key) > 0;
}

// Resolves a local JSON pointer ("#/components/schemas/pwis.v1.RoadWork").
const Value* Resolve(const Value& doc, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const Value* at = &doc;
  for (absl::string_view part : absl::StrSplit(ref.substr(2), '/')) {
    if (!Has(*at, std::string(part))) return nullptr;
    at = &Get(*at, std::string(part));
  }
  return at;
}

void CollectRefs(const Value& v, std::vector<std::string>& refs) {
  if (v.has_struct_value()) {
    for (const auto& [k, x] : v.struct_value().fields()) {
      if (k == "$ref") refs.push_back(x.string_value());
      CollectRefs(x, refs);
    }
  } else if (v.has_list_value()) {
    for (const auto& x : v.list_value().values()) CollectRefs(x, refs);
  }
}

std::vector<std::string> ParamNames(const Value& op, const std::string& in) {
  std::vector<std::string> names;
  for (const auto& p : Get(op, "parameters").list_value().values()) {
    if (Get(p, "in").string_value() == in) {
      names.push_back(Get(p, "name").string_value());
    }
  }
  return names;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto routes = LoadRoutes({Service("pwis.v1.RoadWorkService"),
                              Service("pwis.v1.DistrictService"),
                              Service("pwis.testing.GoodService"),
                              Service("pwis.testing.StreamService")});
    ASSERT_TRUE(routes.ok()) << routes.status();
    routes_ = std::move(*routes);
    std::string json =
        OpenApiJson(routes_, {"pwis", "v1", "test"},
                    ProtoComments::Parse(protos::DescriptorSetWithComments()));
    Struct s;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok());
    *doc_.mutable_struct_value() = s;
  }
  // The operation of a route, or a missing value.
  const Value& Operation(const std::string& path, const std::string& method) {
    return Get(Get(Get(doc_, "paths"), path), method);
  }

  std::vector<Route> routes_;
  Value doc_;
};

TEST_F(OpenApiTest, Header) {
  EXPECT_EQ(Get(doc_, "openapi").string_value(), "3.0.3");
  EXPECT_EQ(Get(Get(doc_, "info"), "title").string_value(), "pwis");
  EXPECT_EQ(Get(Get(doc_, "info"), "version").string_value(), "v1");
}

TEST_F(OpenApiTest, EveryRouteAppearsUnderItsPathAndMethod) {
  ASSERT_GE(routes_.size(), 10u);
  for (const Route& r : routes_) {
    std::string method = absl::AsciiStrToLower(r.http_method);
    std::string path = OpenApiPath(r.path);
    const Value& op = Operation(path, method);
    ASSERT_TRUE(op.has_struct_value()) << method << " " << path;
    // The operation names its gRPC method (one of possibly several
    // bindings sharing a path and method would fail the router anyway).
    EXPECT_EQ(Get(op, "x-grpc-method").string_value(),
              "/" + r.method->service()->full_name() + "/" + r.method->name());
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::vector<std::string> refs;
  CollectRefs(doc_, refs);
  ASSERT_GT(refs.size(), 20u);
  for (const auto& ref : refs) {
    EXPECT_NE(Resolve(doc_, ref), nullptr) << ref;
  }
  // Sanity of the resolver itself.
  EXPECT_EQ(Resolve(doc_, "#/components/schemas/no.Such"), nullptr);
}

TEST_F(OpenApiTest, PathParametersMatchPlaceholdersAndIdsAreUnique) {
  std::set<std::string> ids;
  std::regex placeholder(R"(\{([^}]+)\})");
  for (const auto& [path, item] : Get(doc_, "paths").struct_value().fields()) {
    std::set<std::string> in_path;
    for (std::sregex_iterator it(path.begin(), path.end(), placeholder), end;
         it != end; ++it) {
      in_path.insert((*it)[1]);
    }
    for (const auto& [method, op] : item.struct_value().fields()) {
      std::vector<std::string> names = ParamNames(op, "path");
      EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), in_path)
          << method << " " << path;
      for (const auto& p : Get(op, "parameters").list_value().values()) {
        if (Get(p, "in").string_value() == "path") {
          EXPECT_TRUE(Get(p, "required").bool_value()) << path;
        }
        EXPECT_TRUE(Has(p, "schema")) << path;
      }
      std::string id = Get(op, "operationId").string_value();
      EXPECT_FALSE(id.empty()) << path;
      EXPECT_TRUE(ids.insert(id).second) << "duplicate " << id;
      // Every operation documents the error body.
      EXPECT_EQ(
          Get(Get(Get(op, "responses"), "default"), "$ref").string_value(),
          "#/components/responses/Error");
      EXPECT_TRUE(Has(Get(op, "responses"), "200")) << path;
    }
  }
}

TEST_F(OpenApiTest, QueryParametersAreTheUnboundFieldsByJsonName) {
  const Value& get = Operation("/v1/roadworks/{id}", "get");
  EXPECT_THAT(ParamNames(get, "query"), Not(Contains("id")));
  EXPECT_THAT(ParamNames(get, "query"), Contains("geometryFormat"));
  const Value& list = Operation("/v1/roadworks", "get");
  for (const char* name :
       {"bbox", "lng", "lat", "radiusM", "district", "road", "at",
        "windowStart", "status", "updatedSince", "pageSize", "pageToken"}) {
    EXPECT_THAT(ParamNames(list, "query"), Contains(name));
  }
  // Nested messages as dotted names, a recursive message followed once.
  const Value& echo = Operation("/v1/echo/{id}", "get");
  EXPECT_THAT(ParamNames(echo, "query"), Contains("inner.name"));
  EXPECT_THAT(ParamNames(echo, "query"), Contains("inner.id"));
  EXPECT_THAT(ParamNames(echo, "query"), Not(Contains("inner.child.name")));
  // A field bound by the path is not a query parameter.
  const Value& things = Operation("/v1/things/{inner.name}/echo/{id}", "get");
  EXPECT_THAT(ParamNames(things, "query"), Not(Contains("inner.name")));
  EXPECT_THAT(ParamNames(things, "query"), Contains("inner.id"));
}

// Fields marked (google.api.field_behavior) = REQUIRED are required
// parameters; others are not.
TEST_F(OpenApiTest, RequiredFieldsAreRequiredParameters) {
  const Value& locate = Operation("/v1/districts:locate", "get");
  int required = 0;
  for (const Value& p : Get(locate, "parameters").list_value().values()) {
    const auto& f = p.struct_value().fields();
    bool req = f.count("required") != 0 && f.at("required").bool_value();
    std::string name = f.at("name").string_value();
    EXPECT_TRUE(req == (name == "lng" || name == "lat")) << name;
    required += req;
  }
  EXPECT_EQ(required, 2);
  for (const Value& p : Get(Operation("/v1/roadworks", "get"), "parameters")
                            .list_value()
                            .values()) {
    EXPECT_EQ(p.struct_value().fields().count("required"), 0u)
        << p.struct_value().fields().at("name").string_value();
  }
}

TEST_F(OpenApiTest, BodiesFollowTheRules) {
  // body: "payload" → that field's schema; it is not a query parameter.
  const Value& create = Operation("/v1/echo", "post");
  EXPECT_EQ(Get(Get(Get(Get(Get(create, "requestBody"), "content"),
                        "application/json"),
                    "schema"),
                "$ref")
                .string_value(),
            "#/components/schemas/pwis.testing.Inner");
  for (const auto& name : ParamNames(create, "query")) {
    EXPECT_NE(name.rfind("payload", 0), 0u) << name;
  }
  // response_body: "inner" → the response is that field.
  EXPECT_EQ(Get(Get(Get(Get(Get(Get(create, "responses"), "200"), "content"),
                        "application/json"),
                    "schema"),
                "$ref")
                .string_value(),
            "#/components/schemas/pwis.testing.Inner");
  // body: "*" with {id} in the path → the message without id; no query.
  const Value& update = Operation("/v1/echo/{id}", "patch");
  const Value& schema =
      Get(Get(Get(Get(update, "requestBody"), "content"), "application/json"),
          "schema");
  EXPECT_TRUE(Has(Get(schema, "properties"), "number"));
  EXPECT_FALSE(Has(Get(schema, "properties"), "id"));
  EXPECT_TRUE(ParamNames(update, "query").empty());
  // GET has no body.
  EXPECT_FALSE(Has(Operation("/v1/roadworks", "get"), "requestBody"));
}

TEST_F(OpenApiTest, CustomVerbsMultiSegmentAndCustomMethods) {
  EXPECT_TRUE(Operation("/v1/roadworks:geojson", "get").has_struct_value());
  EXPECT_TRUE(Operation("/v1/echo/{id}:check", "post").has_struct_value());
  const Value& files = Operation("/v1/files/{path}", "get");
  ASSERT_TRUE(files.has_struct_value());
  EXPECT_TRUE(
      Get(Get(files, "parameters").list_value().values(0), "x-multi-segment")
          .bool_value());
  EXPECT_TRUE(Operation("/v1/echo/{id}", "head").has_struct_value());
}

TEST_F(OpenApiTest, ResponsesForStreamsAndHttpBody) {
  const Value& stream = Operation("/v1/roadworks:stream", "get");
  const Value& content = Get(Get(Get(stream, "responses"), "200"), "content");
  EXPECT_TRUE(Has(content, "application/x-ndjson"));
  EXPECT_TRUE(Has(content, "text/event-stream"));
  const Value& line = Get(Get(content, "application/x-ndjson"), "schema");
  EXPECT_EQ(Get(Get(Get(line, "properties"), "result"), "$ref").string_value(),
            "#/components/schemas/pwis.v1.RoadWork");
  EXPECT_EQ(Get(Get(Get(line, "properties"), "error"), "$ref").string_value(),
            "#/components/schemas/google.rpc.Status");
  const Value& geojson = Operation("/v1/roadworks:geojson", "get");
  EXPECT_TRUE(
      Has(Get(Get(Get(geojson, "responses"), "200"), "content"), "*/*"));
}

TEST_F(OpenApiTest, SchemasFollowTheProto3JsonMapping) {
  const Value& schemas = Get(Get(doc_, "components"), "schemas");
  const Value& work = Get(Get(schemas, "pwis.v1.RoadWork"), "properties");
  EXPECT_EQ(Get(Get(work, "id"), "type").string_value(), "string");
  EXPECT_EQ(Get(Get(work, "id"), "format").string_value(), "int64");
  EXPECT_EQ(Get(Get(work, "roadNames"), "type").string_value(), "array");
  EXPECT_EQ(Get(Get(work, "createTime"), "format").string_value(), "date-time");
  EXPECT_EQ(Get(Get(work, "status"), "$ref").string_value(),
            "#/components/schemas/pwis.v1.RoadWorkStatus");
  std::vector<std::string> names;
  for (const auto& v : Get(Get(schemas, "pwis.v1.RoadWorkStatus"), "enum")
                           .list_value()
                           .values()) {
    names.push_back(v.string_value());
  }
  EXPECT_THAT(names, Contains("ROAD_WORK_STATUS_ACTIVE"));
  // The GeoJSON geometry is an open JSON object.
  const Value& geometry = Get(work, "geometry");
  EXPECT_EQ(Get(geometry, "type").string_value(), "object");
  EXPECT_EQ(Get(Get(work, "geometryWkb"), "format").string_value(), "byte");
  const Value& status = Get(Get(schemas, "google.rpc.Status"), "properties");
  EXPECT_TRUE(Has(status, "code"));
  EXPECT_TRUE(Has(status, "message"));
  EXPECT_TRUE(Has(status, "details"));
}

TEST_F(OpenApiTest, DescriptionsComeFromTheProtoComments) {
  const Value& get = Operation("/v1/roadworks/{id}", "get");
  EXPECT_EQ(Get(get, "summary").string_value(), "One road work by id");
  // A first sentence over several comment lines is kept whole.
  EXPECT_EQ(
      Get(Operation("/v1/roadworks:stream", "get"), "summary").string_value(),
      "Every road work of the ListRoadWorks selection, in the same "
      "order, as one stream: for systems that mirror the whole set (or "
      "a change feed with updated_since) without paging");
  const Value& list = Operation("/v1/roadworks", "get");
  bool bbox_described = false;
  for (const auto& p : Get(list, "parameters").list_value().values()) {
    if (Get(p, "name").string_value() == "bbox") {
      bbox_described =
          Get(p, "description")
              .string_value()
              .find("minLng,minLat,maxLng,maxLat") != std::string::npos;
    }
  }
  EXPECT_TRUE(bbox_described);
  const Value& schemas = Get(Get(doc_, "components"), "schemas");
  const Value& work = Get(schemas, "pwis.v1.RoadWork");
  // A described $ref property is wrapped in allOf.
  const Value& period = Get(Get(work, "properties"), "period");
  EXPECT_EQ(Get(period, "description").string_value(),
            "When the permit is valid: [start, end).");
  EXPECT_EQ(
      Get(Get(period, "allOf").list_value().values(0), "$ref").string_value(),
      "#/components/schemas/pwis.v1.TimeRange");
  EXPECT_NE(Get(Get(schemas, "pwis.v1.RoadWorkStatus"), "description")
                .string_value()
                .find("Lifecycle state"),
            std::string::npos);
  bool tag_described = false;
  for (const auto& t : Get(doc_, "tags").list_value().values()) {
    if (Get(t, "name").string_value() == "RoadWorkService") {
      tag_described = !Get(t, "description").string_value().empty();
    }
  }
  EXPECT_TRUE(tag_described);
}

TEST(ProtoCommentsTest, ReadsEveryKindOfElement) {
  ProtoComments c = ProtoComments::Parse(protos::DescriptorSetWithComments());
  EXPECT_EQ(c.Of("pwis.v1.RoadWorkService.GetRoadWork"),
            "One road work by id. Soft-deleted works are NOT_FOUND.");
  EXPECT_EQ(c.Of("pwis.v1.TrafficImpact.lanes_closed"),
            "Lanes closed, of `lanes_total` lanes of the carriageway.");
  EXPECT_EQ(c.Of("pwis.v1.RoadWorkStatus"),
            "Lifecycle state as reported by the organiser.");
  EXPECT_EQ(c.Of("google.rpc.BadRequest.FieldViolation.field"),
            "The field's path, e.g. \"bbox\" or \"window_end\".");
  EXPECT_EQ(c.Of("pwis.v1.NoSuchThing"), "");
  EXPECT_EQ(
      ProtoComments::Parse("not a descriptor set").Of("pwis.v1.RoadWorkStatus"),
      "");
}

}  // namespace
}  // namespace pwis::gateway
