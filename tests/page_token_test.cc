// PageTokenCodec: round trip, binding to the query, forgery and garbage.
#include "services/common/page_token.h"

#include <gtest/gtest.h>

#include "pwis/v1/roadworks.pb.h"

namespace pwis {
namespace {

TEST(PageTokenTest, RoundTrip) {
  PageTokenCodec codec("k");
  std::string t = codec.Encode(42, {-1, 0, 1234567890123});
  auto pos = codec.Decode(t, 42);
  ASSERT_TRUE(pos.ok()) << pos.status();
  EXPECT_EQ(*pos, (std::vector<int64_t>{-1, 0, 1234567890123}));
  // URL-safe: no characters needing escapes in a query string.
  EXPECT_EQ(t.find_first_of("+/="), std::string::npos);
}

TEST(PageTokenTest, OtherQueryOrOtherSecretIsRejected) {
  PageTokenCodec codec("k");
  std::string t = codec.Encode(42, {1, 2, 3});
  EXPECT_TRUE(absl::IsInvalidArgument(codec.Decode(t, 43).status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(PageTokenCodec("other").Decode(t, 42).status()));
}

TEST(PageTokenTest, GarbageIsRejectedNamingTheField) {
  PageTokenCodec codec("k");
  for (const std::string& bad : {std::string("x"), std::string("!!!!"),
                                 std::string(""), std::string(200, 'A')}) {
    auto s = codec.Decode(bad, 1).status();
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << bad;
    EXPECT_EQ(s.message().rfind("page_token:", 0), 0u);
  }
}

TEST(PageTokenTest, QueryHashIgnoresPagingFieldsOnly) {
  pwis::v1::ListRoadWorksRequest a;
  a.set_bbox("1,2,3,4");
  pwis::v1::ListRoadWorksRequest b = a;
  b.set_page_size(7);
  b.set_page_token("abc");
  EXPECT_EQ(PageTokenCodec::QueryHash("d", a),
            PageTokenCodec::QueryHash("d", b));
  b.set_road("中山");
  EXPECT_NE(PageTokenCodec::QueryHash("d", a),
            PageTokenCodec::QueryHash("d", b));
  EXPECT_NE(PageTokenCodec::QueryHash("d", a),
            PageTokenCodec::QueryHash("e", a));
}

}  // namespace
}  // namespace pwis
