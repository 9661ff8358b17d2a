// A small asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, a fixed
// pool of Asio threads, and limits on body size, header size, URL length,
// idle time, request-reading time and connection count. Requests go to one
// handler, which answers through an HttpResponder (possibly later, from
// another thread): one whole response, or a chunked stream flushed chunk by
// chunk. Thread-safe.
#ifndef PWIS_GATEWAY_HTTP_SERVER_H_
#define PWIS_GATEWAY_HTTP_SERVER_H_

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace pwis::gateway {

using HttpRequest =
    boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse =
    boost::beast::http::response<boost::beast::http::string_body>;
// The way back to the client of one request. Call Send() once, or
// StartStream() once followed by Write()s and one End(). Each Write() must
// wait for the previous step's `written` callback (that is the flow
// control: a slow client slows the producer). Callable from any thread.
class HttpResponder {
 public:
  // Called with false when the client has gone or the write timed out; the
  // stream is then dead and later calls are ignored.
  using Written = std::function<void(bool ok)>;

  virtual ~HttpResponder() = default;
  // Sends one whole response (Content-Length set from the body).
  virtual void Send(HttpResponse response) = 0;
  // Sends the status line and headers of `head` (its body is ignored); the
  // body follows in chunks.
  virtual void StartStream(HttpResponse head, Written written) = 0;
  // Sends one chunk and flushes it.
  virtual void Write(std::string chunk, Written written) = 0;
  // Ends the chunked body.
  virtual void End() = 0;
  // The client's IP address as the socket sees it ("" if unknown).
  virtual std::string Peer() const { return ""; }
};

// Answers one request through `responder`.
using HttpHandler = std::function<void(
    HttpRequest request, std::shared_ptr<HttpResponder> responder)>;

struct HttpServerOptions {
  std::string address = "0.0.0.0";
  int port = 8080;  // 0 picks a free port.
  int threads = 2;
  size_t max_body_bytes = 1 << 20;     // Larger bodies get 413.
  size_t max_header_bytes = 16 << 10;  // Larger headers get 431.
  size_t max_url_bytes = 8 << 10;      // Longer request targets get 414.
  // An idle keep-alive connection (and a client that stops reading a
  // response) is closed after this.
  int idle_timeout_seconds = 60;
  // The whole request (headers and body) must arrive within this, once its
  // first byte has; else 408. Bounds slow-sending clients.
  int request_timeout_seconds = 30;
  int max_connections = 1024;  // Further connections get 503.
  // One stderr line for each request refused here (limits, malformed
  // requests), which the handler never sees.
  bool log_refusals = true;
};

class HttpServer {
 public:
  // Binds and starts serving; UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpServerOptions& options, HttpHandler handler);
  ~HttpServer();

  int port() const { return port_; }

  // Closes the listening socket; connections already open keep being
  // served (for a graceful drain before Stop). Not after Stop.
  void StopAccepting();

  // Stops accepting and closes connections; idempotent.
  void Stop();

 private:
  class Session;
  HttpServer(const HttpServerOptions& options, HttpHandler handler);
  void Accept();
  void CloseAcceptor();

  HttpServerOptions options_;
  HttpHandler handler_;
  // Before io_: sessions still queued in io_ when it is destroyed update it.
  std::atomic<int> connections_{0};
  boost::asio::io_context io_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  bool stopped_ = false;
  bool acceptor_closed_ = false;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_SERVER_H_
