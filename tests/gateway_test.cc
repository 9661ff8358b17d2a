// The JSON front over a test service: a real gRPC server implementing
// pwis.testing.StreamService, the gateway over a real channel, and a real
// HTTP client reading the body as it arrives. Server streaming in
// newline-delimited JSON and Server-Sent Events framing, errors before and
// during the stream, flushing per message, cancellation when the HTTP
// client goes away; request body media types.
#include "gateway/gateway.h"

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "pwis/testing/gateway_test.grpc.pb.h"
#include "tests/support/http_client.h"

namespace pwis::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Lets the test release a paced stream one message at a time.
class Pacer {
 public:
  void Allow(int i) {
    std::lock_guard<std::mutex> l(mu_);
    allowed_ = std::max(allowed_, i);
    cv_.notify_all();
  }
  // False if not allowed within 10 s, or the call was cancelled.
  bool Wait(int i, grpc::ServerContext* context) {
    std::unique_lock<std::mutex> l(mu_);
    for (int t = 0; t < 100; ++t) {
      if (allowed_ >= i) return true;
      if (context->IsCancelled()) return false;
      cv_.wait_for(l, std::chrono::milliseconds(100));
    }
    return false;
  }
  void Reset() {
    std::lock_guard<std::mutex> l(mu_);
    allowed_ = 0;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int allowed_ = 0;
};

class CountService final : public pwis::testing::StreamService::Service {
 public:
  grpc::Status Count(
      grpc::ServerContext* context, const pwis::testing::CountRequest* request,
      grpc::ServerWriter<pwis::testing::CountReply>* writer) override {
    context->AddInitialMetadata("x-counter", "yes");
    for (int i = 0; i < request->n(); ++i) {
      if (request->paced() && i > 0 && !pacer.Wait(i, context)) {
        cancelled = context->IsCancelled();
        return grpc::Status(grpc::StatusCode::CANCELLED, "not released");
      }
      pwis::testing::CountReply r;
      r.set_i(i);
      r.set_text(
          absl::StrCat("line ", i, "\nnext line",
                       std::string(std::max(0, request->pad_bytes()), 'x')));
      r.set_big(int64_t{1} << 60);
      if (!writer->Write(r)) {
        cancelled = true;
        return grpc::Status(grpc::StatusCode::CANCELLED, "gone");
      }
      ++written;
    }
    if (request->fail_code() != 0) {
      return grpc::Status(static_cast<grpc::StatusCode>(request->fail_code()),
                          "failed as asked");
    }
    return grpc::Status::OK;
  }

  grpc::Status Chunks(
      grpc::ServerContext*, const pwis::testing::CountRequest* request,
      grpc::ServerWriter<google::api::HttpBody>* writer) override {
    for (int i = 0; i < request->n(); ++i) {
      google::api::HttpBody b;
      b.set_content_type("text/csv");
      b.set_data(absl::StrCat(i, ",row ", i, "\n"));
      writer->Write(b);
    }
    return grpc::Status::OK;
  }

  Pacer pacer;
  std::atomic<bool> cancelled{false};
  std::atomic<int> written{0};  // Messages Count has handed to gRPC.
};

class FailService final : public pwis::testing::FailService::Service {
 public:
  grpc::Status Fail(grpc::ServerContext* context,
                    const pwis::testing::CountRequest* request,
                    pwis::testing::CountReply* reply) override {
    if (request->fail_code() == 0) {
      // Report what arrived as metadata and the deadline left.
      reply->set_i(1);
      std::string text;
      for (const char* key : {"authorization", "x-custom", "x-request-id"}) {
        auto it = context->client_metadata().find(key);
        if (it != context->client_metadata().end()) {
          absl::StrAppend(&text, key, "=",
                          std::string(it->second.data(), it->second.size()),
                          ";");
        }
      }
      reply->set_text(text);
      reply->set_big(std::chrono::duration_cast<std::chrono::seconds>(
                         context->deadline() - std::chrono::system_clock::now())
                         .count());
      context->AddInitialMetadata("x-echo", "yes");
      context->AddTrailingMetadata("x-trailer", "done");
      context->AddTrailingMetadata("x-blob-bin", std::string("\x00\xff", 2));
      return grpc::Status::OK;
    }
    return grpc::Status(static_cast<grpc::StatusCode>(request->fail_code()),
                        absl::StrCat("failing with ", request->fail_code()));
  }
};

// Answers every GoodService call with its request, so tests see what the
// gateway bound.
class EchoService final : public pwis::testing::GoodService::Service {
 public:
  grpc::Status Get(grpc::ServerContext*, const pwis::testing::Echo* in,
                   pwis::testing::Echo* out) override {
    *out = *in;
    return grpc::Status::OK;
  }
  grpc::Status Create(grpc::ServerContext* c, const pwis::testing::Echo* in,
                      pwis::testing::Echo* out) override {
    return Get(c, in, out);
  }
  grpc::Status Update(grpc::ServerContext* c, const pwis::testing::Echo* in,
                      pwis::testing::Echo* out) override {
    return Get(c, in, out);
  }
  grpc::Status Tags(grpc::ServerContext* c, const pwis::testing::Echo* in,
                    pwis::testing::Echo* out) override {
    return Get(c, in, out);
  }
};

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct s;
  auto st = google::protobuf::util::JsonStringToMessage(text, &s);
  EXPECT_TRUE(st.ok()) << text;
  return s;
}

// The lines of an NDJSON body (the last, empty piece after the final
// newline dropped; every line must end with one).
std::vector<std::string> Lines(const std::string& body) {
  EXPECT_TRUE(body.empty() || body.back() == '\n') << body;
  std::vector<std::string> lines = absl::StrSplit(body, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new CountService();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_);
    fail_service_ = new FailService();
    builder.RegisterService(fail_service_);
    echo_service_ = new EchoService();
    builder.RegisterService(echo_service_);
    grpc_server_ = builder.BuildAndStart().release();
    ASSERT_NE(port, 0);
    auto gw = gateway::Gateway::Create(
        {google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
             "pwis.testing.StreamService"),
         google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
             "pwis.testing.FailService"),
         google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
             "pwis.testing.GoodService")},
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                            grpc::InsecureChannelCredentials()),
        gateway::GatewayOptions());
    ASSERT_TRUE(gw.ok()) << gw.status();
    gateway_ = gw->release();
    gateway::HttpServerOptions http;
    http.address = "127.0.0.1";
    http.port = 0;
    auto started = gateway_->Serve(http);
    ASSERT_TRUE(started.ok()) << started.status();
    http_ = started->release();
  }
  static void TearDownTestSuite() {
    delete http_;
    grpc_server_->Shutdown();
    delete grpc_server_;
    delete gateway_;
    delete service_;
    delete fail_service_;
    delete echo_service_;
  }
  void SetUp() override {
    service_->pacer.Reset();
    service_->cancelled = false;
    service_->written = 0;
  }
  HttpResult Get(const std::string& target,
                 const std::map<std::string, std::string>& headers = {}) {
    return Fetch(http_->port(), "GET", target, headers);
  }

  static CountService* service_;
  static FailService* fail_service_;
  static EchoService* echo_service_;
  static grpc::Server* grpc_server_;
  static gateway::Gateway* gateway_;
  static gateway::HttpServer* http_;
};

CountService* GatewayTest::service_ = nullptr;
FailService* GatewayTest::fail_service_ = nullptr;
EchoService* GatewayTest::echo_service_ = nullptr;
grpc::Server* GatewayTest::grpc_server_ = nullptr;
gateway::Gateway* GatewayTest::gateway_ = nullptr;
gateway::HttpServer* GatewayTest::http_ = nullptr;

TEST_F(GatewayTest, NdjsonOneResultPerLine) {
  HttpResult r = Get("/v1/count/3");
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  EXPECT_EQ(r.headers["content-type"], "application/x-ndjson");
  EXPECT_EQ(r.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_EQ(r.headers["grpc-metadata-x-counter"], "yes");
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  std::vector<std::string> lines = Lines(r.body);
  ASSERT_EQ(lines.size(), 3u) << r.body;
  for (int i = 0; i < 3; ++i) {
    google::protobuf::Struct line = ParseJson(lines[i]);
    ASSERT_EQ(line.fields().size(), 1u) << lines[i];
    const auto& result = line.fields().at("result").struct_value();
    EXPECT_EQ(
        result.fields().count("i") ? result.fields().at("i").number_value() : 0,
        i);
    // proto3 JSON: 64-bit integers as strings.
    EXPECT_EQ(result.fields().at("big").string_value(), "1152921504606846976");
  }
}

TEST_F(GatewayTest, NdjsonErrorAfterMessagesIsTheLastLine) {
  HttpResult r = Get("/v1/count/2?failCode=9");
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> lines = Lines(r.body);
  ASSERT_EQ(lines.size(), 3u) << r.body;
  EXPECT_TRUE(ParseJson(lines[0]).fields().count("result"));
  EXPECT_TRUE(ParseJson(lines[1]).fields().count("result"));
  google::protobuf::Struct last = ParseJson(lines[2]);
  const auto& error = last.fields().at("error").struct_value();
  EXPECT_EQ(error.fields().at("code").number_value(), 9);
  EXPECT_EQ(error.fields().at("message").string_value(), "failed as asked");
  EXPECT_TRUE(error.fields().at("details").has_list_value());
}

TEST_F(GatewayTest, ErrorBeforeAnyMessageIsAnOrdinaryErrorResponse) {
  HttpResult r = Get("/v1/count/0?fail_code=5");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  google::protobuf::Struct s = ParseJson(r.body);
  EXPECT_EQ(s.fields().at("code").number_value(), 5);
  // And bad input never reaches the service.
  HttpResult bad = Get("/v1/count/x");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(GatewayTest, EmptyStreamIsAnEmptyBody) {
  HttpResult r = Get("/v1/count/0");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "application/x-ndjson");
  EXPECT_EQ(r.body, "");
  HttpResult sse = Get("/v1/count/0", {{"Accept", "text/event-stream"}});
  EXPECT_EQ(sse.status, 200);
  EXPECT_EQ(sse.body, "event: end\ndata: {}\n\n");
}

TEST_F(GatewayTest, ServerSentEventsOnAccept) {
  HttpResult r = Get("/v1/count/2", {{"Accept", "text/event-stream"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/event-stream");
  std::vector<std::string> events = absl::StrSplit(r.body, "\n\n");
  ASSERT_EQ(events.size(), 4u) << r.body;  // 2 messages, end, "".
  EXPECT_EQ(events[3], "");
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(absl::StartsWith(events[i], "data: ")) << events[i];
    google::protobuf::Struct m = ParseJson(events[i].substr(6));
    // The "\n" inside the text is escaped in JSON: one data line.
    EXPECT_EQ(m.fields().at("text").string_value(),
              absl::StrCat("line ", i, "\nnext line"));
  }
  EXPECT_EQ(events[2], "event: end\ndata: {}");
  HttpResult failed =
      Get("/v1/count/1?failCode=13", {{"Accept", "text/event-stream"}});
  std::vector<std::string> f = absl::StrSplit(failed.body, "\n\n");
  ASSERT_EQ(f.size(), 3u) << failed.body;
  ASSERT_TRUE(absl::StartsWith(f[1], "event: error\ndata: ")) << f[1];
  google::protobuf::Struct error =
      ParseJson(f[1].substr(std::string("event: error\ndata: ").size()));
  EXPECT_EQ(error.fields().at("code").number_value(), 13);
}

TEST_F(GatewayTest, HttpBodyStreamIsRawWithItsContentType) {
  HttpResult r = Get("/v1/chunks/3");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/csv");
  EXPECT_EQ(r.body, "0,row 0\n1,row 1\n2,row 2\n");
}

TEST_F(GatewayTest, EachMessageIsFlushedBeforeTheNextExists) {
  // The service sends message i only after the test has read message i-1;
  // a gateway that buffered would leave the test waiting (and failing).
  HttpStream s(http_->port(), "GET", "/v1/count/4?paced=true");
  ASSERT_EQ(s.status(), 200) << s.error();
  std::string body;
  for (int i = 0; i < 4; ++i) {
    while (std::count(body.begin(), body.end(), '\n') < i + 1) {
      std::optional<std::string> more = s.Next();
      ASSERT_TRUE(more.has_value()) << "message " << i << ": " << s.error();
      body += *more;
    }
    service_->pacer.Allow(i + 1);
  }
  EXPECT_FALSE(s.Next().has_value());
  EXPECT_EQ(Lines(body).size(), 4u);
}

TEST_F(GatewayTest, EachServerSentEventIsFlushedBeforeTheNextExists) {
  HttpStream s(http_->port(), "GET", "/v1/count/3?paced=true",
               {{"Accept", "text/event-stream"}});
  ASSERT_EQ(s.status(), 200) << s.error();
  EXPECT_EQ(s.headers().at("content-type"), "text/event-stream");
  std::string body;
  auto events = [&] {
    size_t n = 0;
    for (size_t at = body.find("\n\n"); at != std::string::npos;
         at = body.find("\n\n", at + 2)) {
      ++n;
    }
    return n;
  };
  for (int i = 0; i < 3; ++i) {
    while (events() < size_t(i) + 1) {
      std::optional<std::string> more = s.Next();
      ASSERT_TRUE(more.has_value()) << "event " << i << ": " << s.error();
      body += *more;
    }
    EXPECT_EQ(events(), size_t(i) + 1) << "ahead of the pacer: " << body;
    service_->pacer.Allow(i + 1);
  }
  while (std::optional<std::string> more = s.Next()) body += *more;
  EXPECT_EQ(events(), 4u) << body;  // Three messages and `event: end`.
  EXPECT_NE(body.find("event: end"), std::string::npos) << body;
}

TEST_F(GatewayTest, SlowReaderHoldsTheStreamBack) {
  // 20 000 messages of 16 KB (320 MB): a gateway without back-pressure would
  // take them all into memory while the client reads nothing.
  constexpr int kMessages = 20000;
  HttpStream s(http_->port(), "GET",
               absl::StrCat("/v1/count/", kMessages, "?padBytes=16384"));
  ASSERT_EQ(s.status(), 200) << s.error();
  ASSERT_TRUE(s.Next().has_value());
  // The service stops once the buffers between it and the client are full.
  int before = -1;
  int now = service_->written;
  for (int i = 0; i < 40 && now != before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    before = now;
    now = service_->written;
  }
  EXPECT_EQ(now, before) << "the stream never stalled";
  EXPECT_LT(now, kMessages / 4) << "buffered far ahead of the reader";
  s.Close();
  for (int i = 0; i < 100 && !service_->cancelled; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(service_->cancelled);
}

TEST_F(GatewayTest, ClientGoingAwayCancelsTheCall) {
  {
    HttpStream s(http_->port(), "GET", "/v1/count/1000?paced=true");
    ASSERT_EQ(s.status(), 200) << s.error();
    ASSERT_TRUE(s.Next().has_value());
    s.Close();
  }
  // The gateway's next write fails once message 2 is released.
  service_->pacer.Allow(1);
  for (int i = 0; i < 100 && !service_->cancelled; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    service_->pacer.Allow(i + 2);
  }
  EXPECT_TRUE(service_->cancelled);
}

TEST_F(GatewayTest, KeepAliveConnectionServesAfterAStream) {
  // Two requests on one connection: the chunked body must end properly
  // for the second answer to be read.
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect({boost::asio::ip::make_address("127.0.0.1"),
                  static_cast<unsigned short>(http_->port())});
  beast::flat_buffer buffer;
  for (int n : {2, 1}) {
    http::request<http::empty_body> req(http::verb::get,
                                        absl::StrCat("/v1/count/", n), 11);
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req);
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_TRUE(res.keep_alive());
    EXPECT_EQ(Lines(res.body()).size(), static_cast<size_t>(n));
  }
}

TEST_F(GatewayTest, EveryGrpcCodeMapsToItsHttpStatus) {
  // grpc-gateway's table.
  const std::pair<int, int> kMapping[] = {
      {0, 200},  {1, 499},  {2, 500},  {3, 400},  {4, 504},  {5, 404},
      {6, 409},  {7, 403},  {8, 429},  {9, 400},  {10, 409}, {11, 400},
      {12, 501}, {13, 500}, {14, 503}, {15, 500}, {16, 401},
  };
  for (const auto& [code, http] : kMapping) {
    HttpResult r = Get(absl::StrCat("/v1/fail/", code));
    EXPECT_EQ(r.status, http) << "gRPC code " << code << ": " << r.body;
    if (code == 0) continue;
    EXPECT_EQ(r.headers["content-type"], "application/json") << code;
    google::protobuf::Struct s = ParseJson(r.body);
    EXPECT_EQ(s.fields().at("code").number_value(), code);
    EXPECT_EQ(s.fields().at("message").string_value(),
              absl::StrCat("failing with ", code));
    EXPECT_TRUE(s.fields().at("details").has_list_value()) << code;
    EXPECT_EQ(r.headers.count("www-authenticate"), code == 16 ? 1u : 0u)
        << code;
    EXPECT_EQ(r.headers["cache-control"], "no-store") << code;
  }
}

TEST_F(GatewayTest, RequestBodiesMustBeJson) {
  const std::string target = "/v1/echo/7:check";
  auto post = [&](const std::map<std::string, std::string>& headers) {
    return Fetch(http_->port(), "POST", target, headers, R"({"number":"3"})");
  };
  EXPECT_EQ(post({{"Content-Type", "application/json"}}).status, 200);
  EXPECT_EQ(post({{"Content-Type", "application/json; charset=utf-8"}}).status,
            200);
  EXPECT_EQ(post({{"Content-Type", "application/merge-patch+json"}}).status,
            200);
  EXPECT_EQ(post({}).status, 200);  // No Content-Type: taken as JSON.
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=big5", "application/xml"}) {
    HttpResult r = post({{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_THAT(r.body, HasSubstr("application/json")) << type;
    EXPECT_THAT(r.body, HasSubstr(R"("code":3)")) << type;
  }
  auto bad = [&](const std::string& body) {
    return Fetch(http_->port(), "POST", target,
                 {{"Content-Type", "application/json"}}, body);
  };
  // Malformed JSON, wrong JSON types, unknown fields, non-UTF-8: 400s.
  EXPECT_EQ(bad("{nope").status, 400);
  EXPECT_EQ(bad(R"({"number":{"a":1}})").status, 400);
  EXPECT_EQ(bad(R"({"colour":"red"})").status, 400);
  HttpResult utf8 = bad("{\"id\":\"\xff\"}");
  EXPECT_EQ(utf8.status, 400);
  EXPECT_THAT(utf8.body, HasSubstr("UTF-8"));
}

TEST_F(GatewayTest, BodyRules) {
  auto send = [&](const std::string& method, const std::string& target,
                  const std::string& body) {
    return Fetch(http_->port(), method, target,
                 {{"Content-Type", "application/json"}}, body);
  };
  // body "*": a body naming a path field differently is refused (never
  // settled quietly for the path), the same value is fine; no query
  // parameters.
  HttpResult r = send("PATCH", "/v1/echo/7", R"({"id":"other","number":"3"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("another value than the URL path"));
  r = send("PATCH", "/v1/echo/7", R"({"id":"7","number":"3"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseJson(r.body).fields().at("id").string_value(), "7");
  EXPECT_EQ(ParseJson(r.body).fields().at("number").string_value(), "3");
  r = send("PATCH", "/v1/echo/7?number=4", R"({"number":"3"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("query parameters are not accepted"));
  EXPECT_EQ(send("PATCH", "/v1/echo/7?pretty", "{}").status, 200);
  // body "payload": the rest may come from the query, payload may not.
  r = send("POST", "/v1/echo?payload.name=x", R"({"name":"y"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("carried by the request body"));
  r = send("POST", "/v1/echo?number=5", R"({"name":"y"})");
  EXPECT_EQ(r.status, 200) << r.body;
  // A repeated body field takes exactly one JSON value, which cannot reach
  // other fields; a repeated response_body is printed as itself.
  r = send("POST", "/v1/echo/7:tags", R"(["a","b"])");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"(["a","b"])");
  r = send("POST", "/v1/echo/7:tags", R"(["a"],"number":"9")");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("not a single JSON value"));
  r = send("POST", "/v1/echo/7:tags", "[]");
  EXPECT_EQ(r.body, "[]");
}

TEST_F(GatewayTest, MetadataDeadlinesAndRequestIds) {
  HttpResult r = Get("/v1/fail/0", {{"Authorization", "Bearer abc"},
                                    {"Grpc-Metadata-X-Custom", "hello"},
                                    {"X-Request-Id", "req-123"}});
  ASSERT_EQ(r.status, 200) << r.body;
  google::protobuf::Struct reply = ParseJson(r.body);
  EXPECT_EQ(reply.fields().at("text").string_value(),
            "authorization=Bearer abc;x-custom=hello;x-request-id=req-123;");
  // The default deadline (30 s) applies.
  int64_t left = std::stoll(reply.fields().at("big").string_value());
  EXPECT_GE(left, 25);
  EXPECT_LE(left, 30);
  EXPECT_EQ(r.headers["x-request-id"], "req-123");
  EXPECT_EQ(r.headers["grpc-metadata-x-echo"], "yes");
  EXPECT_EQ(r.headers["grpc-trailer-x-trailer"], "done");
  EXPECT_EQ(r.headers["grpc-trailer-x-blob-bin"], "AP8=");  // base64
  // Grpc-Timeout sets it; an absurd one is capped, not an overflow.
  r = Get("/v1/fail/0", {{"Grpc-Timeout", "3S"}});
  EXPECT_LE(std::stoll(ParseJson(r.body).fields().at("big").string_value()), 3);
  r = Get("/v1/fail/0", {{"Grpc-Timeout", "99999999H"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Get("/v1/fail/0", {{"Grpc-Timeout", "soon"}}).status, 400);
  // Metadata gRPC would reject never reaches it: 400s, and the server
  // lives on.
  EXPECT_EQ(Get("/v1/fail/0", {{"Grpc-Metadata-X-Bad", "caf\xc3\xa9"}}).status,
            400);
  EXPECT_EQ(Get("/v1/fail/0", {{"Grpc-Metadata-Grpc-Status", "0"}}).status,
            400);
  EXPECT_EQ(Get("/v1/fail/0", {{"Authorization", "Bearer \xff"}}).status, 400);
  EXPECT_EQ(Get("/v1/fail/0", {{"Grpc-Metadata-X-Data-Bin", "AP8="}}).status,
            200);
  EXPECT_EQ(Get("/v1/fail/0", {{"Grpc-Metadata-X-Data-Bin", "%%%"}}).status,
            400);
  // An unusable X-Request-Id is replaced by a fresh one.
  r = Get("/v1/fail/0", {{"X-Request-Id", "bad id\xc3\xa9"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["x-request-id"], "bad id\xc3\xa9");
  EXPECT_EQ(r.headers["x-request-id"].size(), 32u);
}

TEST_F(GatewayTest, HeadAnswersLikeGetWithoutABody) {
  HttpResult get = Get("/v1/things/x/echo/7");
  HttpResult head = Fetch(http_->port(), "HEAD", "/v1/things/x/echo/7");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.headers["content-length"], get.headers["content-length"]);
  EXPECT_EQ(head.headers["etag"], get.headers["etag"]);
  // Not for streams.
  EXPECT_EQ(Fetch(http_->port(), "HEAD", "/v1/count/2").status, 405);
  // A rule of its own for HEAD wins; its (error) answer loses its body too.
  HttpResult own = Fetch(http_->port(), "HEAD", "/v1/echo/7");
  EXPECT_EQ(own.status, 501);
  EXPECT_EQ(own.body, "");
}

}  // namespace
}  // namespace pwis::testing
