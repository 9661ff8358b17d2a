// CORS and caching headers (gateway/web_headers.h) with a restricted
// origin list.
#include "gateway/web_headers.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pwis::gateway
