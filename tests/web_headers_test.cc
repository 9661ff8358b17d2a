// CORS and caching headers (gateway/web_headers.h) with a restricted
// origin list.
#include "gateway/web_headers.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace pwis::gateway {
namespace {

namespace http = boost::beast::http;

HttpResponse Ok(const std::string& body) {
  HttpResponse res(http::status::ok, 11);
  res.body() = body;
  return res;
}

TEST(WebHeadersTest, OnlyListedOriginsGetCorsHeaders) {
  WebOptions o;
  o.cors_origins = {"https://pwb.kcg.gov.tw"};
  HttpResponse a = Ok("x");
  AddCorsHeaders(o, "https://pwb.kcg.gov.tw", a);
  EXPECT_EQ(a[http::field::access_control_allow_origin],
            "https://pwb.kcg.gov.tw");
  EXPECT_EQ(a[http::field::vary], "Origin");
  HttpResponse b = Ok("x");
  AddCorsHeaders(o, "https://evil.example", b);
  EXPECT_EQ(b.count(http::field::access_control_allow_origin), 0u);
  HttpResponse pre =
      PreflightResponse(o, 11, "https://evil.example", "GET", "");
  EXPECT_EQ(pre.result(), http::status::no_content);
  EXPECT_EQ(pre.count(http::field::access_control_allow_methods), 0u);
}

// A 304 varies as its 200 does: with a restricted origin list a shared
// cache must not give one origin's answer to another.
TEST(WebHeadersTest, NotModifiedKeepsVaryOrigin) {
  WebOptions o;
  o.cors_origins = {"https://pwb.kcg.gov.tw"};
  o.gzip_min_bytes = 10;
  HttpResponse first = Ok(std::string(100, 'x'));
  AddCorsHeaders(o, "https://pwb.kcg.gov.tw", first);
  ApplyCaching(o, true, "", first);
  std::string etag(first[http::field::etag]);
  HttpResponse again = Ok(std::string(100, 'x'));
  AddCorsHeaders(o, "https://pwb.kcg.gov.tw", again);
  ApplyCaching(o, true, etag, again, "identity");
  EXPECT_EQ(again.result(), http::status::not_modified);
  EXPECT_EQ(again[http::field::vary], "Origin, Accept-Encoding");
}

TEST(WebHeadersTest, ETagDependsOnBodyOnly) {
  WebOptions o;
  HttpResponse a = Ok("same"), b = Ok("same"), c = Ok("other");
  ApplyCaching(o, true, "", a);
  ApplyCaching(o, true, "", b);
  ApplyCaching(o, true, "", c);
  EXPECT_EQ(a[http::field::etag], b[http::field::etag]);
  EXPECT_NE(a[http::field::etag], c[http::field::etag]);
  HttpResponse d = Ok("same");
  ApplyCaching(o, true, "*", d);
  EXPECT_EQ(d.result(), http::status::not_modified);
  HttpResponse post = Ok("same");
  ApplyCaching(o, false, std::string(a[http::field::etag]), post);
  EXPECT_EQ(post.result(), http::status::ok);  // Only GETs are conditional.
  EXPECT_EQ(post.count(http::field::etag), 0u);
}

std::string Gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

TEST(WebHeadersTest, GzipWhenAcceptedAndLongEnough) {
  WebOptions o;
  std::string body(5000, 'a');
  for (const char* accept : {"gzip", "deflate, gzip;q=0.5", "*", "br, gzip"}) {
    HttpResponse r = Ok(body);
    ApplyCaching(o, true, "", r);
    std::string plain_etag(r[http::field::etag]);
    ApplyCompression(o, accept, r);
    EXPECT_EQ(r[http::field::content_encoding], "gzip") << accept;
    EXPECT_LT(r.body().size(), body.size());
    EXPECT_EQ(Gunzip(r.body()), body);
    EXPECT_NE(std::string(r[http::field::etag]), plain_etag);
    EXPECT_EQ(r[http::field::vary], "Accept-Encoding");
    // The gzip tag validates too.
    HttpResponse again = Ok(body);
    ApplyCaching(o, true, std::string(r[http::field::etag]), again);
    EXPECT_EQ(again.result(), http::status::not_modified);
  }
  for (const char* accept : {"", "identity", "gzip;q=0", "deflate"}) {
    HttpResponse r = Ok(body);
    ApplyCompression(o, accept, r);
    EXPECT_EQ(r.count(http::field::content_encoding), 0u) << accept;
    EXPECT_EQ(r.body(), body);
  }
  HttpResponse small = Ok("tiny");
  ApplyCompression(o, "gzip", small);
  EXPECT_EQ(small.count(http::field::content_encoding), 0u);
}

}  // namespace
}  // namespace pwis::gateway
