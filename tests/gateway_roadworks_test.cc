// The HTTP/JSON front of pwis-server end to end: a real HTTP client, the
// gateway, the in-process gRPC services and the real PostGIS. Every
// annotated road-works and district RPC, and the error mappings they reach.
#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/http_client.h"
#include "tests/support/json_path.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;

class GatewayRoadWorksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    server_ = new TestServer(db_->url());
    RoadWorkSpec s;
    s.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
    s.road_names = {"四維三路"};
    s.period = "[2020-01-01 00:00+08,2099-01-01 00:00+08)";
    id_ = InsertRoadWork(*db_, s);
    s.wkt = "LINESTRING(120.3570 22.6310, 120.3585 22.6310)";
    s.road_names = {"光復路二段"};
    other_ = InsertRoadWork(*db_, s);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
  }
  HttpResult Get(const std::string& target,
                 const std::map<std::string, std::string>& headers = {}) {
    return Fetch(server_->http_port(), "GET", target, headers);
  }
  void ExpectError(const HttpResult& r, int http, int grpc_code,
                   const std::string& text) {
    EXPECT_EQ(r.status, http) << r.body << r.error;
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    google::protobuf::Struct s = ParseJson(r.body);
    EXPECT_EQ(s.fields().at("code").number_value(), grpc_code) << r.body;
    EXPECT_THAT(s.fields().at("message").string_value(), HasSubstr(text));
    EXPECT_TRUE(s.fields().at("details").has_list_value());
  }

  // The fields named by the google.rpc.BadRequest detail of an error body.
  std::vector<std::string> BadFields(const HttpResult& r) {
    std::vector<std::string> fields;
    google::protobuf::Struct s = ParseJson(r.body);
    for (const auto& d : s.fields().at("details").list_value().values()) {
      const auto& f = d.struct_value().fields();
      EXPECT_EQ(f.at("@type").string_value(),
                "type.googleapis.com/google.rpc.BadRequest");
      for (const auto& v : f.at("fieldViolations").list_value().values()) {
        fields.push_back(v.struct_value().fields().at("field").string_value());
        EXPECT_FALSE(
            v.struct_value().fields().at("description").string_value().empty());
      }
    }
    return fields;
  }

  static TestDatabase* db_;
  static TestServer* server_;
  static int64_t id_, other_;
};

TestDatabase* GatewayRoadWorksTest::db_ = nullptr;
TestServer* GatewayRoadWorksTest::server_ = nullptr;
int64_t GatewayRoadWorksTest::id_ = 0;
int64_t GatewayRoadWorksTest::other_ = 0;

TEST_F(GatewayRoadWorksTest, GetRoadWork_ProtoJsonWithGeoJsonGeometry) {
  HttpResult r = Get(absl::StrCat("/v1/roadworks/", id_));
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  google::protobuf::Struct s = ParseJson(r.body);
  const auto& f = s.fields();
  EXPECT_EQ(f.at("id").string_value(), std::to_string(id_));  // int64 as string
  EXPECT_EQ(f.at("status").string_value(),
            "ROAD_WORK_STATUS_ACTIVE");  // enum by name
  EXPECT_EQ(f.at("roadNames").list_value().values(0).string_value(),
            "四維三路");  // lowerCamel
  EXPECT_EQ(f.at("district")
                .struct_value()
                .fields()
                .at("name")
                .struct_value()
                .fields()
                .at("zhTw")
                .string_value(),
            "苓雅區");
  // The geometry is the GeoJSON object itself, ready for a map.
  const auto& geo = f.at("geometry").struct_value().fields();
  EXPECT_EQ(geo.at("type").string_value(), "LineString");
  EXPECT_EQ(geo.at("coordinates")
                .list_value()
                .values(0)
                .list_value()
                .values(0)
                .number_value(),
            120.315);
  EXPECT_EQ(
      f.at("period").struct_value().fields().at("startTime").string_value(),
      "2019-12-31T16:00:00Z");
}

TEST_F(GatewayRoadWorksTest, GetRoadWork_MissingIs404WithStatusBody) {
  ExpectError(Get("/v1/roadworks/999999"), 404, 5, "not found");
}

TEST_F(GatewayRoadWorksTest, GetRoadWork_BadIdIs400) {
  ExpectError(Get("/v1/roadworks/abc"), 400, 3, "id");
  ExpectError(Get("/v1/roadworks/0"), 400, 3, "id:");
}

TEST_F(GatewayRoadWorksTest, ListRoadWorks_QueryParametersBindFilters) {
  HttpResult r =
      Get("/v1/"
          "roadworks?bbox=120.31,22.62,120.32,22.63&status=ROAD_WORK_STATUS_"
          "ACTIVE&pageSize=5");
  ASSERT_EQ(r.status, 200) << r.body;
  google::protobuf::Struct s = ParseJson(r.body);
  const auto& works = s.fields().at("roadWorks").list_value();
  ASSERT_EQ(works.values_size(), 1);
  EXPECT_EQ(works.values(0).struct_value().fields().at("id").string_value(),
            std::to_string(id_));
  // Chinese text in the query, percent-encoded.
  r = Get("/v1/roadworks?road=%E5%85%89%E5%BE%A9&district=%E9%B3%B3%E5%B1%B1");
  ASSERT_EQ(r.status, 200) << r.body;
  s = ParseJson(r.body);
  ASSERT_EQ(s.fields().at("roadWorks").list_value().values_size(), 1);
  EXPECT_EQ(s.fields()
                .at("roadWorks")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("id")
                .string_value(),
            std::to_string(other_));
}

TEST_F(GatewayRoadWorksTest, ListRoadWorks_PagesThroughNextPageToken) {
  HttpResult r = Get("/v1/roadworks?page_size=1&any_time=true");
  ASSERT_EQ(r.status, 200) << r.body;
  google::protobuf::Struct s = ParseJson(r.body);
  std::string token = s.fields().at("nextPageToken").string_value();
  ASSERT_FALSE(token.empty());
  r = Get("/v1/roadworks?page_size=1&any_time=true&page_token=" + token);
  ASSERT_EQ(r.status, 200) << r.body;
  s = ParseJson(r.body);
  EXPECT_EQ(s.fields().at("roadWorks").list_value().values_size(), 1);
  EXPECT_EQ(s.fields().count("nextPageToken"), 0u);  // Last page: omitted.
  ExpectError(Get("/v1/roadworks?page_size=1&page_token=" + token), 400, 3,
              "page_token");
}

TEST_F(GatewayRoadWorksTest, ListRoadWorks_ValidationErrorsAre400) {
  ExpectError(Get("/v1/roadworks?bbox=120.4,22.5,120.3,22.7"), 400, 3, "bbox:");
  ExpectError(Get("/v1/roadworks?page_size=1001"), 400, 3, "page_size:");
  ExpectError(Get("/v1/roadworks?district=nowhere"), 400, 3, "district:");
  ExpectError(Get("/v1/roadworks?page_size=ten"), 400, 3, "page_size:");
  ExpectError(Get("/v1/roadworks?status=FINISHED"), 400, 3, "status:");
  ExpectError(Get("/v1/roadworks?at=tomorrow"), 400, 3, "at:");
  ExpectError(Get("/v1/roadworks?road=%FF"), 400, 3, "UTF-8");
}

TEST_F(GatewayRoadWorksTest, UnknownQueryParametersAre400NamingThem) {
  HttpResult r = Get("/v1/roadworks?bbbox=1,2,3,4&colour=red");
  ExpectError(r, 400, 3, "bbbox, colour");
  EXPECT_EQ(BadFields(r), (std::vector<std::string>{"bbbox", "colour"}));
}

TEST_F(GatewayRoadWorksTest, ErrorDetailsCarryTheBadFields) {
  // From the service (through gRPC's status details) ...
  EXPECT_EQ(BadFields(Get("/v1/roadworks?bbox=120.4,22.5,120.3,22.7")),
            std::vector<std::string>{"bbox"});
  EXPECT_EQ(BadFields(Get("/v1/roadworks?windowStart=2026-02-01T00:00:00Z&"
                          "windowEnd=2026-01-01T00:00:00Z")),
            std::vector<std::string>{"window_end"});
  // ... and from the gateway's own binding.
  EXPECT_EQ(BadFields(Get("/v1/roadworks?pageSize=ten")),
            std::vector<std::string>{"pageSize"});
  // Errors without a field have no details.
  HttpResult missing = Get("/v1/roadworks/999999999");
  EXPECT_EQ(
      ParseJson(missing.body).fields().at("details").list_value().values_size(),
      0);
}

TEST_F(GatewayRoadWorksTest, ExportGeoJson_IsRawGeoJson) {
  HttpResult r = Get("/v1/roadworks:geojson?any_time=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/geo+json");
  google::protobuf::Struct s = ParseJson(r.body);
  EXPECT_EQ(s.fields().at("type").string_value(), "FeatureCollection");
  EXPECT_EQ(s.fields().at("features").list_value().values_size(), 2);
  // Enum values carry their labels beside the machine name, in GeoJSON as
  // in JSON.
  EXPECT_EQ(JsonAt(s, "features[0].properties.status")->string_value(),
            "active");
  EXPECT_EQ(
      JsonAt(s, "features[0].properties.status_label.zh_tw")->string_value(),
      "施工中");
  EXPECT_EQ(JsonAt(s, "features[0].properties.status_label.en")->string_value(),
            "In progress");
  HttpResult one = Get(absl::StrCat("/v1/roadworks/", id_));
  google::protobuf::Struct w = ParseJson(one.body);
  EXPECT_EQ(JsonAt(w, "status")->string_value(), "ROAD_WORK_STATUS_ACTIVE");
  EXPECT_EQ(JsonAt(w, "statusLabel.zhTw")->string_value(), "施工中");
  EXPECT_EQ(JsonAt(w, "statusLabel.en")->string_value(), "In progress");
}

TEST_F(GatewayRoadWorksTest, StreamRoadWorks_NdjsonAndServerSentEvents) {
  const std::string target =
      "/v1/roadworks:stream?anyTime=true&bbox=120.30,22.60,120.40,22.65";
  HttpResult r = Get(target);
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  EXPECT_EQ(r.headers["content-type"], "application/x-ndjson");
  std::vector<std::string> lines = absl::StrSplit(r.body, '\n');
  ASSERT_EQ(lines.size(), 3u) << r.body;  // Two works and "" after the last.
  EXPECT_EQ(lines[2], "");
  std::set<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    google::protobuf::Struct line = ParseJson(lines[i]);
    const auto& work = line.fields().at("result").struct_value();
    ids.insert(work.fields().at("id").string_value());
    EXPECT_EQ(work.fields()
                  .at("geometry")
                  .struct_value()
                  .fields()
                  .at("type")
                  .string_value(),
              "LineString");
  }
  EXPECT_EQ(ids,
            (std::set<std::string>{absl::StrCat(id_), absl::StrCat(other_)}));

  HttpResult sse = Get(target, {{"Accept", "text/event-stream"}});
  ASSERT_EQ(sse.status, 200) << sse.body;
  EXPECT_EQ(sse.headers["content-type"], "text/event-stream");
  std::vector<std::string> events = absl::StrSplit(sse.body, "\n\n");
  ASSERT_EQ(events.size(), 4u) << sse.body;
  EXPECT_TRUE(absl::StartsWith(events[0], "data: {\"id\":")) << events[0];
  EXPECT_TRUE(absl::StartsWith(events[1], "data: {\"id\":")) << events[1];
  EXPECT_EQ(events[2], "event: end\ndata: {}");

  // Bad input fails before the stream starts: an ordinary 400.
  ExpectError(Get("/v1/roadworks:stream?bbox=9,9,1,1"), 400, 3, "bbox");
  ExpectError(Get("/v1/roadworks:stream?pageSize=5"), 400, 3, "page_size");
}

TEST_F(GatewayRoadWorksTest, OpenApiDocumentAndSwaggerUi) {
  HttpResult r = Get("/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  google::protobuf::Struct doc = ParseJson(r.body);
  EXPECT_EQ(doc.fields().at("openapi").string_value(), "3.0.3");
  const auto& paths = doc.fields().at("paths").struct_value().fields();
  for (const char* p :
       {"/v1/roadworks/{id}", "/v1/roadworks", "/v1/roadworks:geojson",
        "/v1/roadworks:stream", "/v1/districts:locate", "/v1/districts"}) {
    EXPECT_TRUE(paths.count(p)) << p;
  }
  HttpResult page = Get("/docs/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_THAT(page.body, HasSubstr("swagger-ui-bundle.js"));
  HttpResult js = Get("/docs/docs.js");
  EXPECT_THAT(js.body, HasSubstr("../openapi.json"));
  HttpResult bundle = Get("/docs/swagger-ui-bundle.js");
  EXPECT_EQ(bundle.status, 200);
  EXPECT_GT(bundle.body.size(), 100000u);  // The real bundle, served here.
  EXPECT_EQ(Get("/docs/swagger-ui.css").status, 200);
  EXPECT_EQ(Get("/docs").status, 301);
  EXPECT_EQ(Get("/docs").headers["location"], "/docs/");
  ExpectError(Get("/docs/../../etc/passwd"), 404, 5, "no file");
  ExpectError(Fetch(server_->http_port(), "POST", "/openapi.json"), 405, 12,
              "not allowed");
}

TEST_F(GatewayRoadWorksTest, Districts_LocateAndList) {
  HttpResult r = Get("/v1/districts:locate?lng=120.3157&lat=22.6213");
  ASSERT_EQ(r.status, 200) << r.body;
  google::protobuf::Struct s = ParseJson(r.body);
  EXPECT_EQ(s.fields()
                .at("village")
                .struct_value()
                .fields()
                .at("name")
                .struct_value()
                .fields()
                .at("zhTw")
                .string_value(),
            "林富里");
  ExpectError(Get("/v1/districts:locate?lng=120.2&lat=22.6"), 404, 5,
              "no district");
  ExpectError(Get("/v1/districts:locate?lng=999&lat=22.6"), 400, 3, "lng:");
  r = Get("/v1/districts");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(
      ParseJson(r.body).fields().at("districts").list_value().values_size(),
      38);
}

TEST_F(GatewayRoadWorksTest, UnknownPathIs404_WrongMethodIs405WithAllow) {
  ExpectError(Get("/v1/nothing"), 404, 5, "/v1/nothing");
  ExpectError(Get("/v1/roadworks/"), 404, 5, "");
  HttpResult r = Fetch(server_->http_port(), "DELETE", "/v1/roadworks/1");
  ExpectError(r, 405, 12, "DELETE");
  EXPECT_EQ(r.headers.at("allow"), "GET");
}

TEST_F(GatewayRoadWorksTest, PrettyPrinting) {
  HttpResult compact = Get(absl::StrCat("/v1/roadworks/", id_));
  HttpResult pretty = Get(absl::StrCat("/v1/roadworks/", id_, "?pretty"));
  ASSERT_EQ(pretty.status, 200);
  EXPECT_EQ(compact.body.find('\n'), std::string::npos);
  EXPECT_NE(pretty.body.find('\n'), std::string::npos);
}

TEST_F(GatewayRoadWorksTest, RequestIdIsPropagatedOrGenerated) {
  HttpResult r = Get("/v1/districts", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(r.headers.at("x-request-id"), "abc-123");
  HttpResult g = Get("/v1/districts");
  EXPECT_EQ(g.headers.at("x-request-id").size(), 32u);
}

TEST_F(GatewayRoadWorksTest, GrpcTimeoutHeader) {
  ExpectError(Get("/v1/districts", {{"Grpc-Timeout", "soon"}}), 400, 3,
              "Grpc-Timeout");
  // A deadline too short to be met is 504. (With 1 ns it expires on the
  // gateway's side of the call; deadline_test shows a server-side 504, a
  // statement cancelled on PostgreSQL.)
  ExpectError(
      Get("/v1/districts?include_geometry=true", {{"Grpc-Timeout", "1n"}}), 504,
      4, "");
}

TEST_F(GatewayRoadWorksTest, OversizedBodyIs413) {
  HttpResult r = Fetch(server_->http_port(), "GET", "/v1/districts", {},
                       std::string(2 << 20, 'x'));
  ExpectError(r, 413, 8, "body");
}

TEST_F(GatewayRoadWorksTest, CorsPreflightAndSimpleRequests) {
  HttpResult pre = Fetch(server_->http_port(), "OPTIONS", "/v1/roadworks",
                         {{"Origin", "https://pwb.kcg.gov.tw"},
                          {"Access-Control-Request-Method", "GET"},
                          {"Access-Control-Request-Headers", "authorization"}});
  EXPECT_EQ(pre.status, 204) << pre.body;
  EXPECT_EQ(pre.headers["access-control-allow-origin"], "*");
  EXPECT_EQ(pre.headers["access-control-allow-methods"], "GET");
  EXPECT_EQ(pre.headers["access-control-allow-headers"], "authorization");
  // Preflight for a method the path does not have is not approved.
  HttpResult bad = Fetch(server_->http_port(), "OPTIONS", "/v1/roadworks",
                         {{"Origin", "https://x.example"},
                          {"Access-Control-Request-Method", "DELETE"}});
  EXPECT_EQ(bad.status, 405);
  EXPECT_EQ(bad.headers.count("access-control-allow-methods"), 0u);
  HttpResult get = Get("/v1/districts", {{"Origin", "https://pwb.kcg.gov.tw"}});
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.headers["access-control-allow-origin"], "*");
  EXPECT_EQ(Get("/v1/districts").headers.count("access-control-allow-origin"),
            0u);
}

TEST_F(GatewayRoadWorksTest, ETagAndIfNoneMatchGive304) {
  HttpResult first = Get("/v1/districts");
  ASSERT_EQ(first.status, 200);
  std::string etag = first.headers.at("etag");
  EXPECT_EQ(first.headers.at("cache-control"), "public, max-age=60");
  HttpResult again = Get("/v1/districts", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers.at("etag"), etag);
  HttpResult weak =
      Get("/v1/districts", {{"If-None-Match", "\"other\", W/" + etag}});
  EXPECT_EQ(weak.status, 304);
  HttpResult changed =
      Get("/v1/districts?include_geometry=true", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  // Errors are never cached.
  HttpResult err = Get("/v1/roadworks/999999");
  EXPECT_EQ(err.headers.at("cache-control"), "no-store");
  EXPECT_EQ(err.headers.count("etag"), 0u);
}

TEST_F(GatewayRoadWorksTest, GzipWhenAccepted) {
  HttpResult zipped =
      Get("/v1/districts?include_geometry=true", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.headers.at("content-encoding"), "gzip");
  ASSERT_GT(zipped.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(zipped.body[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(zipped.body[1]), 0x8b);
  HttpResult plain = Get("/v1/districts?include_geometry=true");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_LT(zipped.body.size() * 2, plain.body.size());
  // It is the same content.
  std::string unzipped(plain.body.size() + 1, '\0');
  z_stream z{};
  ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(zipped.body.data());
  z.avail_in = static_cast<uInt>(zipped.body.size());
  z.next_out = reinterpret_cast<Bytef*>(unzipped.data());
  z.avail_out = static_cast<uInt>(unzipped.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  unzipped.resize(z.total_out);
  inflateEnd(&z);
  EXPECT_EQ(unzipped, plain.body);
  // Revalidating the gzip variant: 304 naming that variant.
  HttpResult again = Get("/v1/districts?include_geometry=true",
                         {{"Accept-Encoding", "gzip"},
                          {"If-None-Match", zipped.headers.at("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.headers["etag"], zipped.headers.at("etag"));
  EXPECT_EQ(again.headers["vary"], "Accept-Language, Accept-Encoding");
}

TEST_F(GatewayRoadWorksTest, HeadOfAGetRoute) {
  std::string target = absl::StrCat("/v1/roadworks/", id_);
  HttpResult get = Get(target);
  HttpResult head = Fetch(server_->http_port(), "HEAD", target);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.headers["content-length"], get.headers["content-length"]);
  EXPECT_EQ(head.headers["etag"], get.headers["etag"]);
}

// HEAD is answered on unary GET routes; a stream's route says which
// method it takes.
TEST_F(GatewayRoadWorksTest, HeadOfAStreamIs405WithAllow) {
  HttpResult head =
      Fetch(server_->http_port(), "HEAD", "/v1/roadworks:stream?any_time=true");
  EXPECT_EQ(head.status, 405);
  EXPECT_EQ(head.headers["allow"], "GET");
}

TEST_F(GatewayRoadWorksTest, EmptyListCarriesItsListField) {
  HttpResult r = Get("/v1/roadworks?road=%E4%B8%8D%E5%AD%98%E5%9C%A8");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"roadWorks":[]})");
  HttpResult pretty = Get("/v1/roadworks?road=nothing&pretty");
  google::protobuf::Struct s = ParseJson(pretty.body);
  EXPECT_TRUE(s.fields().at("roadWorks").has_list_value());
  // A full list still prints normally.
  HttpResult full = Get("/v1/roadworks?any_time=true");
  EXPECT_EQ(
      ParseJson(full.body).fields().at("roadWorks").list_value().values_size(),
      2);
}

TEST_F(GatewayRoadWorksTest, PagedListsGiveTheSameBytesAnd304) {
  HttpResult first = Get("/v1/roadworks?any_time=true&page_size=1");
  ASSERT_EQ(first.status, 200);
  HttpResult again = Get("/v1/roadworks?any_time=true&page_size=1",
                         {{"If-None-Match", first.headers.at("etag")}});
  EXPECT_EQ(again.status, 304);
  // The default ("in effect now") list as well, within its minute.
  HttpResult now1 = Get("/v1/roadworks?page_size=1");
  HttpResult now2 = Get("/v1/roadworks?page_size=1");
  ASSERT_EQ(now1.status, 200);
  if (now1.body != now2.body) {  // A minute boundary between the two.
    now1 = Get("/v1/roadworks?page_size=1");
    now2 = Get("/v1/roadworks?page_size=1");
  }
  EXPECT_EQ(now1.body, now2.body);
  std::string token =
      ParseJson(first.body).fields().at("nextPageToken").string_value();
  ASSERT_FALSE(token.empty());
  HttpResult page2 =
      Get("/v1/roadworks?any_time=true&page_size=1&page_token=" + token);
  HttpResult page2again =
      Get("/v1/roadworks?any_time=true&page_size=1&page_token=" + token,
          {{"If-None-Match", page2.headers.at("etag")}});
  EXPECT_EQ(page2again.status, 304);
}

// Signed area of a ring (positive: counter-clockwise).
double SignedArea(const google::protobuf::ListValue& ring) {
  double a = 0;
  for (int i = 0; i + 1 < ring.values_size(); ++i) {
    const auto& p = ring.values(i).list_value();
    const auto& q = ring.values(i + 1).list_value();
    a += p.values(0).number_value() * q.values(1).number_value() -
         q.values(0).number_value() * p.values(1).number_value();
  }
  return a / 2;
}

TEST_F(GatewayRoadWorksTest, DistrictsAsGeoJsonWithRfc7946Rings) {
  HttpResult r = Get("/v1/districts:geojson");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/geo+json");
  google::protobuf::Struct fc = ParseJson(r.body);
  EXPECT_EQ(fc.fields().at("type").string_value(), "FeatureCollection");
  const auto& features = fc.fields().at("features").list_value();
  ASSERT_EQ(features.values_size(), 38);
  EXPECT_EQ(fc.fields().at("numberReturned").number_value(), 38);
  int exteriors = 0;
  for (const auto& f : features.values()) {
    const auto& props =
        f.struct_value().fields().at("properties").struct_value();
    EXPECT_EQ(props.fields().at("code").string_value().size(), 8u);
    const auto& geom = f.struct_value().fields().at("geometry").struct_value();
    EXPECT_EQ(geom.fields().at("type").string_value(), "MultiPolygon");
    for (const auto& poly :
         geom.fields().at("coordinates").list_value().values()) {
      const auto& rings = poly.list_value();
      EXPECT_GT(SignedArea(rings.values(0).list_value()), 0)
          << "exterior ring clockwise in "
          << props.fields().at("code").string_value();
      for (int k = 1; k < rings.values_size(); ++k) {
        EXPECT_LT(SignedArea(rings.values(k).list_value()), 0) << "hole";
      }
      ++exteriors;
    }
  }
  EXPECT_GE(exteriors, 38);
  // The list's boundaries too.
  HttpResult list = Get("/v1/districts?include_geometry=true");
  google::protobuf::Struct listed = ParseJson(list.body);
  const auto& d0 = listed.fields().at("districts").list_value().values(0);
  const auto& coords = d0.struct_value()
                           .fields()
                           .at("geometry")
                           .struct_value()
                           .fields()
                           .at("coordinates")
                           .list_value();
  EXPECT_GT(SignedArea(coords.values(0).list_value().values(0).list_value()),
            0);
}

TEST_F(GatewayRoadWorksTest, PolygonWorksAreServedCounterClockwise) {
  RoadWorkSpec s;
  // Written clockwise.
  s.wkt =
      "POLYGON((120.30 22.62, 120.30 22.63, 120.31 22.63, 120.31 22.62, "
      "120.30 22.62))";
  s.period = "[2020-01-01 00:00+08,2099-01-01 00:00+08)";
  int64_t id = InsertRoadWork(*db_, s);
  HttpResult r = Get(absl::StrCat("/v1/roadworks/", id));
  ASSERT_EQ(r.status, 200) << r.body;
  google::protobuf::Struct work = ParseJson(r.body);
  const auto& ring = work.fields()
                         .at("geometry")
                         .struct_value()
                         .fields()
                         .at("coordinates")
                         .list_value()
                         .values(0)
                         .list_value();
  EXPECT_GT(SignedArea(ring), 0);
  db_->Exec(absl::StrCat("DELETE FROM road_works WHERE id = ", id));
}

TEST_F(GatewayRoadWorksTest, HealthzAndLandingPage) {
  HttpResult h = Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, R"({"status":"SERVING"})");
  EXPECT_EQ(h.headers.at("cache-control"), "no-store");
  // The routes page; / is the widget's demo, keeping the links.
  HttpResult page = Get("/api.html");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.headers.at("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(page.body, HasSubstr(R"(href="/openapi.json")"));
  EXPECT_THAT(page.body, HasSubstr(R"(href="/docs/")"));
  EXPECT_THAT(page.body, HasSubstr(R"(href="/v1/roadworks:geojson")"));
  EXPECT_THAT(page.body, HasSubstr(R"(href="/v1/districts:geojson")"));
  HttpResult demo = Get("/");
  EXPECT_EQ(demo.status, 200);
  EXPECT_THAT(demo.headers.at("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(demo.body, HasSubstr("<pwis-map"));
  EXPECT_THAT(demo.body, HasSubstr(R"(href="/openapi.json")"));
  EXPECT_THAT(demo.body, HasSubstr(R"(href="/docs/")"));
  EXPECT_THAT(demo.body, HasSubstr(R"(href="/api.html")"));
  EXPECT_THAT(demo.headers.at("content-security-policy"),
              HasSubstr("script-src 'self'"));
  EXPECT_EQ(demo.headers.at("x-content-type-options"), "nosniff");
  EXPECT_THAT(Get("/embed.html").body,
              HasSubstr(R"(<script src="/widget/pwis-map.js"></script>)"));
}

// The widget's files: served gzipped once (not per request), with an ETag
// that a revalidation turns into a 304, and a clear 404 for what is not
// there.
TEST_F(GatewayRoadWorksTest, WidgetFilesAreServedCachedAndCompressed) {
  HttpResult js = Get("/widget/pwis-map.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_THAT(js.headers.at("content-type"), HasSubstr("javascript"));
  EXPECT_THAT(js.body, HasSubstr("customElements.define('pwis-map'"));
  HttpResult zipped =
      Fetch(server_->http_port(), "GET", "/widget/maplibre-gl.mjs",
            {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.headers.at("content-encoding"), "gzip");
  EXPECT_THAT(zipped.headers.at("vary"), HasSubstr("Accept-Encoding"));
  std::string etag = zipped.headers.at("etag");
  EXPECT_THAT(etag, HasSubstr("-gzip"));
  HttpResult again =
      Fetch(server_->http_port(), "GET", "/widget/maplibre-gl.mjs",
            {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.headers.at("etag"), etag);
  EXPECT_EQ(again.headers.at("cache-control"), "public, max-age=300");
  EXPECT_TRUE(again.body.empty());
  HttpResult missing = Get("/widget/nothing.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr("no file at /widget/nothing.js"));
  // Files are looked up among those read at start-up, never on disk.
  for (const char* path :
       {"/widget/../CMakeLists.txt", "/widget/..%2f..%2fREADME.md",
        "/widget/%2e%2e/web/build.mjs", "/widget/", "/widget/.gitignore"}) {
    HttpResult r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_THAT(r.body, HasSubstr("\"code\":5")) << path;
  }
}

// The GeoJSON export's next page is a link an OGC API Features client can
// follow: the same URL with the next page's token.
TEST_F(GatewayRoadWorksTest, GeoJsonNextLinkIsTheFullNextUrl) {
  HttpResult p1 = Fetch(server_->http_port(), "GET",
                        "/v1/roadworks:geojson?any_time=true&page_size=1",
                        {{"Host", "pwis.example:8080"}});
  ASSERT_EQ(p1.status, 200) << p1.body;
  google::protobuf::Struct fc = ParseJson(p1.body);
  EXPECT_EQ(fc.fields().at("numberReturned").number_value(), 1);
  const auto& link =
      fc.fields().at("links").list_value().values(0).struct_value().fields();
  EXPECT_EQ(link.at("rel").string_value(), "next");
  std::string href = link.at("href").string_value();
  std::string prefix = "http://pwis.example:8080";
  ASSERT_EQ(href.rfind(prefix, 0), 0u) << href;
  EXPECT_THAT(href, HasSubstr("page_size=1"));
  EXPECT_THAT(href, HasSubstr(absl::StrCat(
                        "page_token=",
                        fc.fields().at("next_page_token").string_value())));
  HttpResult p2 = Get(href.substr(prefix.size()));
  ASSERT_EQ(p2.status, 200) << p2.body;
  google::protobuf::Struct fc2 = ParseJson(p2.body);
  EXPECT_EQ(fc2.fields().at("numberReturned").number_value(), 1);
  EXPECT_NE(fc2.fields()
                .at("features")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("id")
                .number_value(),
            fc.fields()
                .at("features")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("id")
                .number_value());
  EXPECT_EQ(fc2.fields().count("links"), 0u) << "the last page has no next";
  // A percent-encoded key is the same parameter: replaced, not repeated.
  HttpResult e =
      Get("/v1/roadworks:geojson?any_time=true&page_size=1&page%5Ftoken=");
  ASSERT_EQ(e.status, 200) << e.body;
  std::string next = ParseJson(e.body)
                         .fields()
                         .at("links")
                         .list_value()
                         .values(0)
                         .struct_value()
                         .fields()
                         .at("href")
                         .string_value();
  EXPECT_THAT(next, Not(HasSubstr("page%5Ftoken")));
  EXPECT_THAT(next, HasSubstr("page_token="));
}

// Streams are never compressed (each message must reach the client as it
// is written) nor cached, whatever the client accepts.
TEST_F(GatewayRoadWorksTest, StreamsAreNeverCompressedOrCached) {
  HttpStream s(server_->http_port(), "GET",
               "/v1/roadworks:stream?any_time=true",
               {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(s.status(), 200) << s.error();
  EXPECT_EQ(s.headers().count("content-encoding"), 0u);
  EXPECT_EQ(s.headers().at("cache-control"), "no-store");
  EXPECT_EQ(s.headers().count("etag"), 0u);
  std::string body;
  while (auto chunk = s.Next()) body += *chunk;
  EXPECT_THAT(body, HasSubstr(R"({"result":)"));
}

}  // namespace
}  // namespace pwis::testing
