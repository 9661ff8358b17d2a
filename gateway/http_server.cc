#include "gateway/http_server.h"

#include <boost/beast/core.hpp>
#include <optional>

#include "absl/strings/str_cat.h"
#include "gateway/http_status.h"

namespace pwis::gateway {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer* server)
      : stream_(std::move(socket)), server_(server) {
    ++server_->connections_;
  }
  ~Session() { --server_->connections_; }

  void Run() {
    net::dispatch(stream_.get_executor(),
                  [self = shared_from_this()] { self->Read(); });
  }

  // Answers with an error and closes (used for over-limit connections).
  void Refuse(http::status status, grpc::StatusCode code,
              const std::string& why) {
    auto res = ErrorResponse(status, code, why, 11);
    res.keep_alive(false);
    Write(std::move(res));
  }

 private:
  static HttpResponse ErrorResponse(http::status status, grpc::StatusCode code,
                                    const std::string& why, unsigned version) {
    HttpResponse res(status, version);
    res.set(http::field::content_type, "application/json");
    res.body() = StatusJson(code, why);
    res.prepare_payload();
    return res;
  }

  void Read() {
    parser_.emplace();
    parser_->body_limit(server_->options_.max_body_bytes);
    parser_->header_limit(
        static_cast<std::uint32_t>(server_->options_.max_header_bytes));
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return Refuse(http::status::payload_too_large,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request body larger than ",
                                 server_->options_.max_body_bytes, " bytes"));
    }
    if (ec == http::error::header_limit) {
      return Refuse(http::status::request_header_fields_too_large,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request headers larger than ",
                                 server_->options_.max_header_bytes, " bytes"));
    }
    if (ec) {
      if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
          ec != net::error::operation_aborted &&
          ec != net::error::connection_reset && ec != net::error::eof) {
        // A malformed request line or headers: say so, then close.
        return Refuse(http::status::bad_request,
                      grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat("malformed HTTP request: ", ec.message()));
      }
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    HttpRequest req = parser_->release();
    stream_.expires_never();  // The handler's own deadline applies now.
    server_->handler_(std::move(req),
                      [self = shared_from_this()](HttpResponse res) {
                        net::post(self->stream_.get_executor(),
                                  [self, res = std::move(res)]() mutable {
                                    self->Write(std::move(res));
                                  });
                      });
  }

  void Write(HttpResponse res) {
    auto shared = std::make_shared<HttpResponse>(std::move(res));
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    http::async_write(
        stream_, *shared,
        [self = shared_from_this(), shared](beast::error_code ec, size_t) {
          if (ec) return;
          if (!shared->keep_alive()) {
            beast::error_code ignored;
            self->stream_.socket().shutdown(tcp::socket::shutdown_send,
                                            ignored);
            self->Drain();
            return;
          }
          self->Read();
        });
  }

  // Lingering close: read and discard what the client still sends (say,
  // the rest of a refused oversized body) for a moment, so that closing
  // with unread data does not reset the connection before the client has
  // read the answer.
  void Drain() {
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(
        net::buffer(discard_),
        [self = shared_from_this()](beast::error_code ec, size_t) {
          if (!ec) self->Drain();
        });
  }

  beast::tcp_stream stream_;
  char discard_[16384];
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpServer* server_;
};

HttpServer::HttpServer(const HttpServerOptions& options, HttpHandler handler)
    : options_(options),
      handler_(std::move(handler)),
      acceptor_(net::make_strand(io_)) {}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpServerOptions& options, HttpHandler handler) {
  std::unique_ptr<HttpServer> s(new HttpServer(options, std::move(handler)));
  beast::error_code ec;
  auto address = net::ip::make_address(options.address, ec);
  if (ec)
    return absl::InvalidArgumentError(
        absl::StrCat("bad HTTP address ", options.address));
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  s->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) s->acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s->acceptor_.bind(endpoint, ec);
  if (!ec) s->acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.address, ":", options.port,
                     ": ", ec.message()));
  }
  s->port_ = s->acceptor_.local_endpoint().port();
  s->Accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    s->threads_.emplace_back([p = s.get()] { p->io_.run(); });
  }
  return s;
}

void HttpServer::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec,
                                                       tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted) return;
    } else {
      auto session = std::make_shared<Session>(std::move(socket), this);
      if (connections_.load() > options_.max_connections) {
        session->Refuse(http::status::service_unavailable,
                        grpc::StatusCode::UNAVAILABLE, "too many connections");
      } else {
        session->Run();
      }
    }
    Accept();
  });
}

void HttpServer::Stop() {
  if (stopped_) return;
  stopped_ = true;
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
  io_.stop();
  for (auto& t : threads_) t.join();
}

HttpServer::~HttpServer() { Stop(); }

}  // namespace pwis::gateway
