#include "gateway/http_server.h"

#include <pthread.h>

#include <boost/beast/core.hpp>
#include <future>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "gateway/http_status.h"

namespace pwis::gateway {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer* server)
      : stream_(std::move(socket)),
        request_timer_(stream_.get_executor()),
        server_(server) {
    ++server_->connections_;
    // Synchronous writes (SendNow) must never block a caller's thread.
    beast::error_code ignored;
    stream_.socket().non_blocking(true, ignored);
    auto remote = stream_.socket().remote_endpoint(ignored);
    if (!ignored) peer_ = remote.address().to_string();
  }
  ~Session() { --server_->connections_; }
  const std::string& peer() const { return peer_; }

  void Run() {
    net::dispatch(stream_.get_executor(),
                  [self = shared_from_this()] { self->Read(); });
  }

  // Answers with an error and closes (used for over-limit connections).
  void Refuse(http::status status, grpc::StatusCode code,
              const std::string& why) {
    auto res = ErrorResponse(status, code, why, 11);
    if (server_->options_.log_refusals) {
      std::cerr << absl::StrFormat("http - - %d %d refused: %s\n",
                                   static_cast<int>(status), res.body().size(),
                                   why);
    }
    res.keep_alive(false);
    Write(std::move(res));
  }

 private:
  class Responder;

  static HttpResponse ErrorResponse(http::status status, grpc::StatusCode code,
                                    const std::string& why, unsigned version) {
    HttpResponse res(status, version);
    res.set(http::field::content_type, "application/json");
    res.body() = StatusJson(code, why);
    res.prepare_payload();
    return res;
  }

  void Shutdown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Waits (up to the idle timeout) for the first byte of the next request.
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_->options_.max_body_bytes);
    // The parser's limit covers the request line too: room for the longest
    // target allowed, so that a long target is told apart (414) from big
    // headers (431) below.
    parser_->header_limit(
        static_cast<std::uint32_t>(server_->options_.max_header_bytes +
                                   server_->options_.max_url_bytes + 64));
    if (buffer_.size() > 0) return ReadRequest();  // Pipelined.
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, size_t n) {
          if (ec) return self->Shutdown();  // Idle timeout or client gone.
          self->buffer_.commit(n);
          self->ReadRequest();
        });
  }

  // Reads the rest of the request within the request timeout. The timer is
  // our own (not the stream's) so that on expiry the socket stays open for
  // the 408.
  void ReadRequest() {
    stream_.expires_never();
    reading_ = true;
    request_timer_.expires_after(
        std::chrono::seconds(server_->options_.request_timeout_seconds));
    request_timer_.async_wait(
        [self = shared_from_this()](beast::error_code ec) {
          if (ec || !self->reading_) return;
          self->request_timed_out_ = true;
          self->stream_.socket().cancel();
        });
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->reading_ = false;
                       self->request_timer_.cancel();
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    const HttpServerOptions& o = server_->options_;
    if (request_timed_out_) {
      return Refuse(http::status::request_timeout,
                    grpc::StatusCode::DEADLINE_EXCEEDED,
                    absl::StrCat("request not received within ",
                                 o.request_timeout_seconds, " s"));
    }
    if (ec == http::error::body_limit) {
      return Refuse(http::status::payload_too_large,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request body larger than ", o.max_body_bytes,
                                 " bytes"));
    }
    if (ec == http::error::header_limit && RequestLineTooLong()) {
      return Refuse(http::status::uri_too_long,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request target longer than ", o.max_url_bytes,
                                 " bytes"));
    }
    if (ec == http::error::header_limit) {
      return Refuse(http::status::request_header_fields_too_large,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request headers larger than ",
                                 o.max_header_bytes, " bytes"));
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
      return Shutdown();
    }
    if (parser_->get().target().size() > o.max_url_bytes) {
      return Refuse(http::status::uri_too_long,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request target longer than ", o.max_url_bytes,
                                 " bytes"));
    }
    size_t header_bytes = 0;
    for (const auto& f : parser_->get()) {
      header_bytes += f.name_string().size() + f.value().size() + 4;
    }
    if (header_bytes > o.max_header_bytes) {
      return Refuse(http::status::request_header_fields_too_large,
                    grpc::StatusCode::RESOURCE_EXHAUSTED,
                    absl::StrCat("request headers larger than ",
                                 o.max_header_bytes, " bytes"));
    }
    // Only the chunked transfer coding is understood (RFC 9112 6.1: a
    // server answers 501 to one it does not know).
    auto te = parser_->get().find(http::field::transfer_encoding);
    if (te != parser_->get().end() &&
        !absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(absl::string_view(
                                    te->value().data(), te->value().size())),
                                "chunked")) {
      return Refuse(http::status::not_implemented,
                    grpc::StatusCode::UNIMPLEMENTED,
                    "only the chunked transfer coding is supported");
    }
    HttpRequest req = parser_->release();
    // An absolute-form target (RFC 9112 3.2.2), which HTTP/1.1 servers must
    // accept: routed by its path and query.
    absl::string_view target(req.target().data(), req.target().size());
    size_t scheme = target.find("://");
    if (scheme != absl::string_view::npos &&
        (absl::StartsWithIgnoreCase(target, "http://") ||
         absl::StartsWithIgnoreCase(target, "https://"))) {
      size_t path = target.find_first_of("/?", scheme + 3);
      std::string origin_form = path == absl::string_view::npos
                                    ? "/"
                                    : std::string(target.substr(path));
      if (origin_form[0] == '?') origin_form.insert(0, "/");
      req.target(origin_form);
    }
    Dispatch(std::move(req));
  }

  // On a header-limit error: true if it was the request line that did not
  // fit (Beast parses and consumes the start line before the fields, so
  // once it has, the target is known).
  bool RequestLineTooLong() const { return parser_->get().target().empty(); }

  // Hands the request to the handler (defined after Responder).
  void Dispatch(HttpRequest req);

  void Write(HttpResponse res) {
    auto shared = std::make_shared<HttpResponse>(std::move(res));
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    http::async_write(
        stream_, *shared,
        [self = shared_from_this(), shared](beast::error_code ec, size_t) {
          if (ec) return;
          self->AfterResponse(shared->keep_alive());
        });
  }

  // Writes a whole response from the calling thread, as far as the socket
  // takes it without blocking, and leaves the rest (usually nothing) to the
  // strand. Saves the hop to an HTTP thread on the latency path. Safe
  // because while the handler owns the exchange no operation is pending on
  // the socket (the next read starts only after the response).
  void SendNow(HttpResponse res) {
    auto message = std::make_shared<HttpResponse>(std::move(res));
    auto serializer =
        std::make_shared<http::response_serializer<http::string_body>>(
            *message);
    beast::error_code ec;
    http::write(stream_.socket(), *serializer, ec);  // Non-blocking socket.
    net::post(stream_.get_executor(),
              [self = shared_from_this(), message, serializer, ec]() {
                if (serializer->is_done()) {
                  return self->AfterResponse(message->keep_alive());
                }
                if (ec && ec != net::error::would_block)
                  return self->Shutdown();
                self->stream_.expires_after(std::chrono::seconds(
                    self->server_->options_.idle_timeout_seconds));
                http::async_write(
                    self->stream_, *serializer,
                    [self, message, serializer](beast::error_code ec, size_t) {
                      if (ec) return;
                      self->AfterResponse(message->keep_alive());
                    });
              });
  }

  void AfterResponse(bool keep_alive) {
    if (!keep_alive) {
      Shutdown();
      return Drain();
    }
    Read();
  }

  void StartStream(HttpResponse head, HttpResponder::Written written) {
    auto header = std::make_shared<http::response<http::empty_body>>(
        head.result(), head.version());
    for (const auto& f : head) header->insert(f.name_string(), f.value());
    // HTTP/1.0 has no chunking: the body runs until the connection closes.
    chunked_ = head.version() >= 11;
    stream_keep_alive_ = chunked_ && head.keep_alive();
    header->keep_alive(stream_keep_alive_);
    if (chunked_) header->chunked(true);
    auto serializer =
        std::make_shared<http::response_serializer<http::empty_body>>(*header);
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    http::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), header, serializer,
         written = std::move(written)](beast::error_code ec, size_t) {
          if (ec) self->stream_broken_ = true;
          written(!ec);
        });
  }

  void WriteChunk(std::string chunk, HttpResponder::Written written) {
    // An empty chunk would read as the end of the body.
    if (stream_broken_ || chunk.empty()) return written(!stream_broken_);
    auto data = std::make_shared<std::string>(std::move(chunk));
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    auto done = [self = shared_from_this(), data, written = std::move(written)](
                    beast::error_code ec, size_t) {
      if (ec) self->stream_broken_ = true;
      written(!ec);
    };
    if (chunked_) {
      net::async_write(stream_, http::make_chunk(net::buffer(*data)),
                       std::move(done));
    } else {
      net::async_write(stream_, net::buffer(*data), std::move(done));
    }
  }

  void EndStream() {
    if (stream_broken_) return Shutdown();
    if (!chunked_) return AfterResponse(false);
    stream_.expires_after(
        std::chrono::seconds(server_->options_.idle_timeout_seconds));
    net::async_write(stream_, http::make_chunk_last(),
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return;
                       self->AfterResponse(self->stream_keep_alive_);
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
  net::steady_timer request_timer_;
  char discard_[16384];
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string peer_;  // The client's address, "" if unknown.
  HttpServer* server_;
  bool reading_ = false;
  bool request_timed_out_ = false;
  // State of a streamed response.
  bool chunked_ = true;
  bool stream_keep_alive_ = false;
  bool stream_broken_ = false;
};

// Hands each step to the session's strand, so handlers may answer from any
// thread.
class HttpServer::Session::Responder : public HttpResponder {
 public:
  explicit Responder(std::shared_ptr<Session> session)
      : session_(std::move(session)) {}

  void Send(HttpResponse response) override {
    session_->SendNow(std::move(response));
  }
  void StartStream(HttpResponse head, Written written) override {
    Post([head = std::move(head),
          written = std::move(written)](Session& s) mutable {
      s.StartStream(std::move(head), std::move(written));
    });
  }
  void Write(std::string chunk, Written written) override {
    Post([chunk = std::move(chunk),
          written = std::move(written)](Session& s) mutable {
      s.WriteChunk(std::move(chunk), std::move(written));
    });
  }
  void End() override {
    Post([](Session& s) { s.EndStream(); });
  }
  std::string Peer() const override { return session_->peer(); }

 private:
  template <typename F>
  void Post(F f) {
    net::post(session_->stream_.get_executor(),
              [s = session_, f = std::move(f)]() mutable { f(*s); });
  }

  std::shared_ptr<Session> session_;
};

void HttpServer::Session::Dispatch(HttpRequest req) {
  server_->handler_(std::move(req),
                    std::make_shared<Responder>(shared_from_this()));
}

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
  // Keeps the threads running once the acceptor is closed (the drain
  // before Stop): answers to calls in flight are posted to them.
  s->work_.emplace(s->io_.get_executor());
  s->Accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    s->threads_.emplace_back([p = s.get()] {
      pthread_setname_np(pthread_self(), "pwis-http");  // For top -H, tests.
      p->io_.run();
    });
  }
  return s;
}

void HttpServer::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec,
                                                       tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted) return;
      if (acceptor_closed_) return;
      // Out of descriptors or the like: pause instead of spinning.
      auto timer = std::make_shared<net::steady_timer>(
          acceptor_.get_executor(), std::chrono::milliseconds(100));
      timer->async_wait([this, timer](beast::error_code) { Accept(); });
      return;
    }
    auto session = std::make_shared<Session>(std::move(socket), this);
    if (connections_.load() > options_.max_connections) {
      session->Refuse(http::status::service_unavailable,
                      grpc::StatusCode::UNAVAILABLE, "too many connections");
    } else {
      session->Run();
    }
    Accept();
  });
}

void HttpServer::StopAccepting() {
  if (stopped_ || acceptor_closed_) return;
  CloseAcceptor();
}

// Waits for the close: the I/O threads are still running while the
// acceptor's accept is pending.
void HttpServer::CloseAcceptor() {
  acceptor_closed_ = true;
  if (threads_.empty()) {  // Never started (Start failed): nothing runs io_.
    beast::error_code ignored;
    acceptor_.close(ignored);
    return;
  }
  std::promise<void> closed;
  net::post(acceptor_.get_executor(), [this, &closed] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    closed.set_value();
  });
  closed.get_future().wait();
}

void HttpServer::Stop() {
  if (stopped_) return;
  // Once the acceptor is closed the threads may have run out of work and
  // returned; only an open one needs closing here.
  if (!acceptor_closed_) CloseAcceptor();
  stopped_ = true;
  work_.reset();
  io_.stop();
  for (auto& t : threads_) t.join();
}

HttpServer::~HttpServer() { Stop(); }

}  // namespace pwis::gateway
