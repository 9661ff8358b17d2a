// A blocking HTTP/1.1 client (Boost.Beast) for end-to-end tests of the
// JSON front: one request per connection unless a Connection is reused.
#ifndef PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_
#define PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <map>
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

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_HTTP_CLIENT_H_
