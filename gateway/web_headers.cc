#include "gateway/web_headers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace pwis::gateway {
namespace {

namespace http = boost::beast::http;

bool Allowed(const WebOptions& o, absl::string_view origin) {
  return std::any_of(
      o.cors_origins.begin(), o.cors_origins.end(),
      [&](const std::string& a) { return a == "*" || a == origin; });
}

// FNV-1a, 64 bits: stable across processes and replicas, so every server
// gives the same body the same ETag.
std::string ETagOf(const std::string& body) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return absl::StrFormat("\"%016x-%x\"", h, body.size());
}

bool Matches(absl::string_view if_none_match, const std::string& etag) {
  for (absl::string_view tag : absl::StrSplit(if_none_match, ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");  // Weak comparison, as RFC 9110 asks.
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

void AddCorsHeaders(const WebOptions& options, absl::string_view origin,
                    HttpResponse& res) {
  if (origin.empty() || !Allowed(options, origin)) return;
  bool any = std::find(options.cors_origins.begin(), options.cors_origins.end(),
                       "*") != options.cors_origins.end();
  res.set(http::field::access_control_allow_origin,
          any ? std::string("*") : std::string(origin));
  if (!any) res.set(http::field::vary, "Origin");
  res.set(http::field::access_control_expose_headers,
          "X-Request-Id, ETag, Grpc-Status, Grpc-Message");
}

HttpResponse PreflightResponse(const WebOptions& options, unsigned version,
                               absl::string_view origin,
                               absl::string_view method,
                               absl::string_view request_headers) {
  HttpResponse res(http::status::no_content, version);
  if (!Allowed(options, origin)) return res;  // No CORS headers: refused.
  AddCorsHeaders(options, origin, res);
  res.set(http::field::access_control_allow_methods, std::string(method));
  if (!request_headers.empty()) {
    res.set(http::field::access_control_allow_headers,
            std::string(request_headers));
  }
  res.set(http::field::access_control_max_age, "600");
  return res;
}

void ApplyCaching(const WebOptions& options, bool is_get,
                  absl::string_view if_none_match, HttpResponse& res) {
  if (res.result() != http::status::ok) {
    res.set(http::field::cache_control, "no-store");
    return;
  }
  if (!is_get) return;
  std::string etag = ETagOf(res.body());
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control,
          options.cache_max_age_seconds > 0
              ? absl::StrCat("public, max-age=", options.cache_max_age_seconds)
              : std::string("no-cache"));
  if (!if_none_match.empty() && Matches(if_none_match, etag)) {
    res.result(http::status::not_modified);
    res.body().clear();
  }
}

}  // namespace pwis::gateway
