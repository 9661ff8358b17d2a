#include "gateway/web_headers.h"

#include <zlib.h>

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

// A 64-bit hash read 8 bytes at a time (multiply-fold mixing), little
// endian whatever the host: stable across processes and replicas, so every
// server gives the same body the same ETag, and a few µs for a page where
// a byte-at-a-time hash took tens.
uint64_t Fold(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

uint64_t Word(const unsigned char* p, size_t n) {
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= static_cast<uint64_t>(p[i]) << (8 * i);
  return w;
}

}  // namespace

std::string ETagOf(const std::string& body) {
  constexpr uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  const size_t n = body.size();
  uint64_t h = k0 ^ n;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    h = Fold(Word(p + i, 8) ^ k1, Word(p + i + 8, 8) ^ h);
  }
  if (i < n) {
    size_t rest = n - i;
    h = Fold(Word(p + i, std::min<size_t>(rest, 8)) ^ k1,
             (rest > 8 ? Word(p + i + 8, rest - 8) : 0) ^ h);
  }
  h = Fold(h ^ k0, k1 ^ n);
  return absl::StrFormat("\"%016x-%x\"", h, n);
}

bool ETagMatches(absl::string_view if_none_match, const std::string& etag) {
  for (absl::string_view tag : absl::StrSplit(if_none_match, ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");  // Weak comparison, as RFC 9110 asks.
    if (tag == "*" || tag == etag) return true;
    // The gzip variant's tag validates the same content.
    std::string plain(tag);
    size_t g = plain.rfind("-gzip\"");
    if (g != std::string::npos && plain.erase(g, 5) == etag) return true;
  }
  return false;
}

// True iff the Accept-Encoding list admits gzip (q > 0).
bool AcceptsGzip(absl::string_view accept) {
  for (absl::string_view item : absl::StrSplit(accept, ',')) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, ';');
    absl::string_view coding = absl::StripAsciiWhitespace(parts[0]);
    if (coding != "gzip" && coding != "*") continue;
    bool zero = false;
    for (size_t i = 1; i < parts.size(); ++i) {
      absl::string_view p = absl::StripAsciiWhitespace(parts[i]);
      if (absl::ConsumePrefix(&p, "q=")) {
        zero = p == "0" || p == "0.0" || p == "0.00" || p == "0.000";
      }
    }
    if (!zero) return true;
  }
  return false;
}

bool Gzip(const std::string& in, std::string* out) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return false;
  }
  out->resize(deflateBound(&z, in.size()) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data());
  z.avail_out = static_cast<uInt>(out->size());
  int rc = deflate(&z, Z_FINISH);
  out->resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END;
}

void ApplyCompression(const WebOptions& options,
                      absl::string_view accept_encoding, HttpResponse& res) {
  if (res.body().size() < options.gzip_min_bytes) return;
  if (res.count(http::field::content_encoding) != 0) return;
  res.set(http::field::vary,
          res.count(http::field::vary) != 0
              ? absl::StrCat(std::string(res[http::field::vary]),
                             ", Accept-Encoding")
              : std::string("Accept-Encoding"));
  if (!AcceptsGzip(accept_encoding)) return;
  std::string zipped;
  if (!Gzip(res.body(), &zipped)) return;
  res.body() = std::move(zipped);
  res.set(http::field::content_encoding, "gzip");
  if (res.count(http::field::etag) != 0) {
    // Another representation, another ETag.
    std::string etag(res[http::field::etag]);
    etag.insert(etag.size() - 1, "-gzip");
    res.set(http::field::etag, etag);
  }
}

void AddCorsHeaders(const WebOptions& options, absl::string_view origin,
                    HttpResponse& res) {
  if (origin.empty() || !Allowed(options, origin)) return;
  bool any = std::find(options.cors_origins.begin(), options.cors_origins.end(),
                       "*") != options.cors_origins.end();
  res.set(http::field::access_control_allow_origin,
          any ? std::string("*") : std::string(origin));
  if (!any) {  // Added to any Vary already there (Accept-Encoding).
    res.set(http::field::vary,
            res.count(http::field::vary) != 0
                ? absl::StrCat(std::string(res[http::field::vary]), ", Origin")
                : std::string("Origin"));
  }
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
                  absl::string_view if_none_match, HttpResponse& res,
                  absl::string_view accept_encoding) {
  // A 304 made by its handler (ApiDocs) already says how to cache it.
  if (res.result() == http::status::not_modified) return;
  if (res.result() != http::status::ok) {
    res.set(http::field::cache_control, "no-store");
    return;
  }
  if (!is_get) return;
  // An answer that set its own policy (/healthz: no-store) keeps it.
  if (res.count(http::field::cache_control) != 0) return;
  std::string etag = ETagOf(res.body());
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control,
          options.cache_max_age_seconds > 0
              ? absl::StrCat("public, max-age=", options.cache_max_age_seconds)
              : std::string("no-cache"));
  if (!if_none_match.empty() && ETagMatches(if_none_match, etag)) {
    // The 304 names the representation the client would have got.
    if (res.body().size() >= options.gzip_min_bytes) {
      // Added to what is there (CORS's Origin): a 304 must vary as the
      // 200 it stands for.
      res.set(http::field::vary,
              res.count(http::field::vary) != 0
                  ? absl::StrCat(std::string(res[http::field::vary]),
                                 ", Accept-Encoding")
                  : std::string("Accept-Encoding"));
      if (AcceptsGzip(accept_encoding)) {
        etag.insert(etag.size() - 1, "-gzip");
        res.set(http::field::etag, etag);
      }
    }
    res.result(http::status::not_modified);
    res.body().clear();
  }
}

}  // namespace pwis::gateway
