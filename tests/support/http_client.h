// A blocking HTTP/1.1 client (Boost.Beast) for end-to-end tests of the
// JSON front: one request per connection.
#ifndef PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_
#define PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace pwis::testing {

struct HttpResult {
  int status = 0;                              // 0 if the exchange failed.
  std::map<std::string, std::string> headers;  // Names lower-cased.
  std::string body;
  std::string error;  // Transport error, if any.
};

// Sends `method target` to 127.0.0.1:port with `headers` and `body`.
HttpResult Fetch(int port, const std::string& method, const std::string& target,
                 const std::map<std::string, std::string>& headers = {},
                 const std::string& body = "");

// A response read as it arrives, for streamed bodies.
class HttpStream {
 public:
  // Sends the request and reads the status line and headers; status() is
  // 0 and error() says why if that failed. Each read waits at most
  // `timeout_seconds`.
  HttpStream(int port, const std::string& method, const std::string& target,
             const std::map<std::string, std::string>& headers = {},
             int timeout_seconds = 10);
  ~HttpStream();

  int status() const { return status_; }
  const std::map<std::string, std::string>& headers() const { return headers_; }
  const std::string& error() const { return error_; }

  // The body bytes that arrived since the last call, waiting for at least
  // one; std::nullopt at the end of the body or on an error (see error()).
  std::optional<std::string> Next();

  // Closes the connection (the client going away).
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int status_ = 0;
  std::map<std::string, std::string> headers_;
  std::string error_;
};

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_
