// What browsers and caches expect of a public JSON API: CORS (with
// preflight answers), ETag / If-None-Match → 304, and Cache-Control.
#ifndef PWIS_GATEWAY_WEB_HEADERS_H_
#define PWIS_GATEWAY_WEB_HEADERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/http_server.h"

namespace pwis::gateway {

struct WebOptions {
  // Origins allowed to call from a browser; "*" allows any.
  std::vector<std::string> cors_origins = {"*"};
  // max-age of successful GET answers (public lookups); 0 means no-cache.
  int cache_max_age_seconds = 60;
  // Bodies at least this long are gzipped for clients that accept it.
  size_t gzip_min_bytes = 1024;
};

// The strong ETag of a body: a hash stable across processes and replicas.
std::string ETagOf(const std::string& body);

// True iff an If-None-Match value names `etag`, or its gzip variant
// ("…-gzip"), or is "*".
bool ETagMatches(absl::string_view if_none_match, const std::string& etag);

// True iff an Accept-Encoding value admits gzip (q > 0).
bool AcceptsGzip(absl::string_view accept_encoding);

// Gzips `in` into `out`; false on a zlib failure.
bool Gzip(const std::string& in, std::string* out);

// Adds Access-Control-Allow-Origin (and Vary, Expose-Headers) to `res` when
// `origin` is non-empty and allowed.
void AddCorsHeaders(const WebOptions& options, absl::string_view origin,
                    HttpResponse& res);

// The 204 answer to a CORS preflight for an existing route, carrying the
// allowed method and the requested headers.
HttpResponse PreflightResponse(const WebOptions& options, unsigned version,
                               absl::string_view origin,
                               absl::string_view method,
                               absl::string_view request_headers);

// For a GET: gives a 200 a strong ETag (a hash of its body) and
// Cache-Control, and turns it into 304 Not Modified when `if_none_match`
// names that ETag (either variant). Errors get Cache-Control: no-store. A
// 304 carries the ETag (and Vary) of the representation `accept_encoding`
// would have got.
void ApplyCaching(const WebOptions& options, bool is_get,
                  absl::string_view if_none_match, HttpResponse& res,
                  absl::string_view accept_encoding = "");

// Gzips the body when `accept_encoding` allows gzip and the body is long
// enough; sets Content-Encoding and Vary, and marks the ETag as the gzip
// variant's. Call after ApplyCaching.
void ApplyCompression(const WebOptions& options,
                      absl::string_view accept_encoding, HttpResponse& res);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_WEB_HEADERS_H_
