// The HTTP server's limits, each set small and provoked over a real socket:
// body size (413), header size (431), URL length (414), request-reading
// timeout (408), idle timeout (connection closed), maximum connections
// (503), malformed requests (400). Every refusal carries a google.rpc.Status
// body.
#include "gateway/http_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/http_client.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

// A connected socket with a receive timeout.
class RawConnection {
 public:
  explicit RawConnection(int port) : socket_(io_) {
    socket_.connect({net::ip::make_address("127.0.0.1"),
                     static_cast<unsigned short>(port)});
    timeval tv{15, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv,
               sizeof(tv));
  }
  void Send(const std::string& bytes) {
    net::write(socket_, net::buffer(bytes));
  }
  // Everything until the server closes (or 15 s pass).
  std::string ReadToClose() {
    std::string out;
    char buf[4096];
    for (;;) {
      boost::system::error_code ec;
      size_t n = socket_.read_some(net::buffer(buf), ec);
      if (ec) break;
      out.append(buf, n);
    }
    return out;
  }

 private:
  net::io_context io_;
  net::ip::tcp::socket socket_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(gateway::HttpServerOptions options) {
    options.address = "127.0.0.1";
    options.port = 0;
    auto s = gateway::HttpServer::Start(
        options, [](gateway::HttpRequest req,
                    std::shared_ptr<gateway::HttpResponder> responder) {
          gateway::HttpResponse res(boost::beast::http::status::ok,
                                    req.version());
          res.body() = absl::StrCat("got ", req.body().size());
          res.set("X-Target", std::string(req.target()));
          res.keep_alive(req.keep_alive());
          res.prepare_payload();
          responder->Send(std::move(res));
        });
    ASSERT_TRUE(s.ok()) << s.status();
    server_ = std::move(*s);
  }
  int port() const { return server_->port(); }

  std::unique_ptr<gateway::HttpServer> server_;
};

void ExpectStatusBody(const HttpResult& r, int http, const std::string& text) {
  EXPECT_EQ(r.status, http) << r.body << r.error;
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
            "application/json");
  EXPECT_THAT(r.body, HasSubstr(R"("code":)"));
  EXPECT_THAT(r.body, HasSubstr(text));
}

TEST_F(HttpServerTest, BodyLimit) {
  gateway::HttpServerOptions o;
  o.max_body_bytes = 100;
  Start(o);
  EXPECT_EQ(Fetch(port(), "POST", "/", {}, std::string(100, 'x')).body,
            "got 100");
  ExpectStatusBody(Fetch(port(), "POST", "/", {}, std::string(101, 'x')), 413,
                   "request body larger than 100 bytes");
}

TEST_F(HttpServerTest, HeaderLimit) {
  gateway::HttpServerOptions o;
  o.max_header_bytes = 1024;
  Start(o);
  EXPECT_EQ(
      Fetch(port(), "GET", "/", {{"X-Pad", std::string(500, 'a')}}).status,
      200);
  ExpectStatusBody(
      Fetch(port(), "GET", "/", {{"X-Pad", std::string(2000, 'a')}}), 431,
      "request headers larger than 1024 bytes");
}

TEST_F(HttpServerTest, UrlLimit) {
  gateway::HttpServerOptions o;
  o.max_url_bytes = 64;
  Start(o);
  EXPECT_EQ(Fetch(port(), "GET", "/" + std::string(63, 'a')).status, 200);
  ExpectStatusBody(Fetch(port(), "GET", "/" + std::string(64, 'a')), 414,
                   "request target longer than 64 bytes");
}

// With the default limits, a 100 KB target is too long a URL (414), not
// too large headers (431); big headers with a short URL are 431.
TEST_F(HttpServerTest, LongTargetIs414NotHeaderLimit) {
  Start({});
  ExpectStatusBody(Fetch(port(), "GET", "/v1/x?q=" + std::string(100000, 'a')),
                   414, "request target longer than 8192 bytes");
  ExpectStatusBody(
      Fetch(port(), "GET", "/", {{"X-Pad", std::string(20000, 'a')}}), 431,
      "request headers larger than 16384 bytes");
  EXPECT_EQ(Fetch(port(), "GET", "/" + std::string(8000, 'a')).status, 200);
}

TEST_F(HttpServerTest, UnknownTransferCodingIs501) {
  Start({});
  RawConnection c(port());
  c.Send(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n"
      "\r\n3\r\nabc\r\n0\r\n\r\n");
  std::string answer = c.ReadToClose();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 501"));
  EXPECT_THAT(answer, HasSubstr("only the chunked transfer coding"));
  RawConnection ok(port());
  ok.Send(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  EXPECT_THAT(ok.ReadToClose(), HasSubstr("got 3"));
}

TEST_F(HttpServerTest, AbsoluteFormTargetIsRoutedByItsPath) {
  Start({});
  RawConnection c(port());
  c.Send(
      "GET http://pwis.example:8080/v1/roadworks?road=x HTTP/1.1\r\n"
      "Host: pwis.example:8080\r\nConnection: close\r\n\r\n");
  std::string answer = c.ReadToClose();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(answer, HasSubstr("X-Target: /v1/roadworks?road=x"));
  RawConnection bare(port());
  bare.Send(
      "GET HTTP://pwis.example HTTP/1.1\r\nHost: pwis.example\r\n"
      "Connection: close\r\n\r\n");
  EXPECT_THAT(bare.ReadToClose(), HasSubstr("X-Target: /\r\n"));
}

// A port already taken is an error from Start (the half-built server is
// destroyed without hanging: no I/O thread ever ran).
TEST_F(HttpServerTest, PortInUseIsAnErrorNotAHang) {
  Start({});
  gateway::HttpServerOptions o;
  o.address = "127.0.0.1";
  o.port = port();
  auto again = gateway::HttpServer::Start(
      o, [](gateway::HttpRequest, std::shared_ptr<gateway::HttpResponder>) {});
  EXPECT_FALSE(again.ok());
  EXPECT_TRUE(absl::IsUnavailable(again.status())) << again.status();
}

TEST_F(HttpServerTest, SlowRequestGets408) {
  gateway::HttpServerOptions o;
  o.request_timeout_seconds = 1;
  o.idle_timeout_seconds = 30;
  Start(o);
  RawConnection c(port());
  auto start = Clock::now();
  c.Send("GET / HTTP/1.1\r\nHost: x\r\n");  // And never the blank line.
  std::string answer = c.ReadToClose();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(answer, HasSubstr("request not received within 1 s"));
  EXPECT_GE(seconds, 0.9);
  EXPECT_LT(seconds, 10);
}

TEST_F(HttpServerTest, IdleConnectionsAreClosed) {
  gateway::HttpServerOptions o;
  o.idle_timeout_seconds = 1;
  o.request_timeout_seconds = 30;
  Start(o);
  {  // Never sends anything.
    RawConnection c(port());
    auto start = Clock::now();
    EXPECT_EQ(c.ReadToClose(), "");
    double seconds =
        std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_GE(seconds, 0.9);
    EXPECT_LT(seconds, 10);
  }
  {  // Idle after one keep-alive exchange: the answer, then the close.
    RawConnection c(port());
    auto start = Clock::now();
    c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string answer = c.ReadToClose();
    double seconds =
        std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_GE(seconds, 0.9);
    EXPECT_LT(seconds, 10) << "the idle connection was not closed";
    EXPECT_THAT(answer, StartsWith("HTTP/1.1 200"));
    EXPECT_THAT(answer, HasSubstr("got 0"));
  }
}

TEST_F(HttpServerTest, MaxConnections) {
  gateway::HttpServerOptions o;
  o.max_connections = 2;
  Start(o);
  RawConnection a(port()), b(port());
  // Make sure both are accepted and held (keep-alive) before the third.
  for (RawConnection* c : {&a, &b}) {
    c->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ExpectStatusBody(Fetch(port(), "GET", "/"), 503, "too many connections");
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  Start({});
  RawConnection c(port());
  c.Send("NOT AN HTTP REQUEST\r\n\r\n");
  std::string answer = c.ReadToClose();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(answer, HasSubstr("malformed HTTP request"));
}

}  // namespace
}  // namespace pwis::testing
