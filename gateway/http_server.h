// A small asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, a fixed
// pool of Asio threads, and limits on body size, header size, idle time and
// connection count. Requests go to one handler, which answers through a
// callback (possibly later, from another thread). Thread-safe.
#ifndef PWIS_GATEWAY_HTTP_SERVER_H_
#define PWIS_GATEWAY_HTTP_SERVER_H_

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace pwis::gateway {

using HttpRequest =
    boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse =
    boost::beast::http::response<boost::beast::http::string_body>;
// Answers one request; call `respond` exactly once.
using HttpHandler = std::function<void(
    HttpRequest request, std::function<void(HttpResponse)> respond)>;

struct HttpServerOptions {
  std::string address = "0.0.0.0";
  int port = 8080;  // 0 picks a free port.
  int threads = 2;
  size_t max_body_bytes = 1 << 20;     // Larger bodies get 413.
  size_t max_header_bytes = 16 << 10;  // Larger headers get 431.
  int idle_timeout_seconds = 60;       // Keep-alive connections close after.
  int max_connections = 1024;          // Further connections get 503.
};

class HttpServer {
 public:
  // Binds and starts serving; UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpServerOptions& options, HttpHandler handler);
  ~HttpServer();

  int port() const { return port_; }

  // Stops accepting and closes connections; idempotent.
  void Stop();

 private:
  class Session;
  HttpServer(const HttpServerOptions& options, HttpHandler handler);
  void Accept();

  HttpServerOptions options_;
  HttpHandler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::atomic<int> connections_{0};
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_SERVER_H_
