#include "tests/support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/ascii.h"

namespace pwis::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

HttpResult Fetch(int port, const std::string& method, const std::string& target,
                 const std::map<std::string, std::string>& headers,
                 const std::string& body) {
  HttpResult out;
  try {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"),
                                          static_cast<unsigned short>(port)));
    http::request<http::string_body> req(http::string_to_verb(method), target,
                                         11);
    if (req.method() == http::verb::unknown) req.method_string(method);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(req.method() == http::verb::head);  // Headers only.
    http::read(stream, buffer, parser);
    auto res = parser.release();
    out.status = res.result_int();
    for (const auto& h : res) {
      out.headers[absl::AsciiStrToLower(std::string(h.name_string()))] =
          std::string(h.value());
    }
    out.body = res.body();
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

struct HttpStream::Impl {
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> head_parser;
  std::optional<http::response_parser<http::string_body>> parser;
  std::string pending;
  int timeout_seconds;
  // The parser keeps a reference to it.
  std::function<size_t(std::uint64_t, beast::string_view, beast::error_code&)>
      on_chunk;
};

HttpStream::HttpStream(int port, const std::string& method,
                       const std::string& target,
                       const std::map<std::string, std::string>& headers,
                       int timeout_seconds)
    : impl_(std::make_unique<Impl>()) {
  impl_->timeout_seconds = timeout_seconds;
  try {
    auto& s = impl_->stream;
    s.expires_after(std::chrono::seconds(timeout_seconds));
    s.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"),
                                     static_cast<unsigned short>(port)));
    http::request<http::empty_body> req(http::string_to_verb(method), target,
                                        11);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    http::write(s, req);
    impl_->head_parser.body_limit(64 << 20);
    s.expires_after(std::chrono::seconds(timeout_seconds));
    http::read_header(s, impl_->buffer, impl_->head_parser);
    const auto& res = impl_->head_parser.get();
    status_ = res.result_int();
    for (const auto& h : res) {
      headers_[absl::AsciiStrToLower(std::string(h.name_string()))] =
          std::string(h.value());
    }
    // Continue with a parser that hands over body bytes as they come.
    impl_->parser.emplace(std::move(impl_->head_parser));
    impl_->parser->body_limit(64 << 20);
    impl_->on_chunk = [this](std::uint64_t, beast::string_view body,
                             beast::error_code&) {
      impl_->pending.append(body.data(), body.size());
      return body.size();
    };
    impl_->parser->on_chunk_body(impl_->on_chunk);
  } catch (const std::exception& e) {
    status_ = 0;
    error_ = e.what();
  }
}

HttpStream::~HttpStream() = default;

std::optional<std::string> HttpStream::Next() {
  if (!impl_->parser) return std::nullopt;
  try {
    auto& p = *impl_->parser;
    while (impl_->pending.empty() && !p.is_done()) {
      impl_->stream.expires_after(std::chrono::seconds(impl_->timeout_seconds));
      http::read_some(impl_->stream, impl_->buffer, p);
      // A body that is not chunked lands in the message body instead.
      if (!p.get().body().empty()) {
        impl_->pending += p.get().body();
        p.get().body().clear();
      }
    }
  } catch (const std::exception& e) {
    error_ = e.what();
    impl_->parser.reset();
    return std::nullopt;
  }
  if (impl_->pending.empty()) return std::nullopt;
  return std::exchange(impl_->pending, std::string());
}

void HttpStream::Close() {
  beast::error_code ignored;
  impl_->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  impl_->stream.socket().close(ignored);
  impl_->parser.reset();
}

}  // namespace pwis::testing
