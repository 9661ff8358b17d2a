#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "importers/text.h"

namespace pwis::importers {
namespace {

TEST(ToHalfWidth, FullWidthDigitsLettersAndPunctuation) {
  EXPECT_EQ(ToHalfWidth("１１５／０８／１０"), "115/08/10");
  EXPECT_EQ(ToHalfWidth("ＫＨ－１１３０００１２"), "KH-11300012");
  EXPECT_EQ(ToHalfWidth("１１５年８月１０日～１１５年９月７日"),
            "115年8月10日~115年9月7日");
  EXPECT_EQ(ToHalfWidth("ａ\xE3\x80\x80ｚ"), "a z");  // ideographic space
}

TEST(ToHalfWidth, EverythingElsePassesThrough) {
  EXPECT_EQ(ToHalfWidth("高雄市前鎮區中山二路"), "高雄市前鎮區中山二路");
  EXPECT_EQ(ToHalfWidth("plain 123"), "plain 123");
  // Invalid and truncated UTF-8 is kept byte for byte.
  EXPECT_EQ(ToHalfWidth(std::string("\xEF\xBC", 2)),
            std::string("\xEF\xBC", 2));
  EXPECT_EQ(ToHalfWidth(std::string("a\xFF\xEF")), std::string("a\xFF\xEF"));
}

TEST(ValidUtf8, KeepsGoodTextAndReplacesBrokenBytes) {
  EXPECT_EQ(ValidUtf8("高雄 ok"), "高雄 ok");
  EXPECT_EQ(ValidUtf8("\xB0\xAA\xB6\xAF"),
            "\uFFFD\uFFFD\uFFFD\uFFFD");  // Big5 高雄
  EXPECT_EQ(ValidUtf8(std::string("a\xE9\xAB") + "b"), "a\uFFFD\uFFFDb");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\uFFFD\uFFFD");              // overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");    // surrogate
  EXPECT_EQ(ValidUtf8("\xF0\x9F\x9A\xA7"), "\xF0\x9F\x9A\xA7");  // 🚧
}

TEST(JsonQuote, EscapesWhatJsonNeeds) {
  EXPECT_EQ(JsonQuote("a\"b\\c\n\x01中"), "\"a\\\"b\\\\c\\n\\u0001中\"");
}

TEST(MatchForm, TaiSpellingsMatch) {
  EXPECT_EQ(MatchForm("臺灣電力公司"), MatchForm("台灣電力公司"));
  EXPECT_EQ(MatchForm("臺南"), "台南");
}

TEST(TrimSpace, AsciiIdeographicAndNoBreak) {
  EXPECT_EQ(TrimSpace("  x y\t\n"), "x y");
  EXPECT_EQ(TrimSpace("\xE3\x80\x80中山路\xC2\xA0"), "中山路");
  EXPECT_EQ(TrimSpace(" \xE3\x80\x80 "), "");
  EXPECT_EQ(TrimSpace(""), "");
}

// Personal numbers must not reach a public column however they are
// written; landlines stay public.
TEST(IsMobilePhone, FindsMobilesAnyWayTheyAreWritten) {
  for (const char* mobile :
       {"0912-345-678", "0912345678", "0912 345 678", "+886 912 345 678",
        "+886-9-1234-5678", "(0912)345678", "手機:0912-345-678",
        "07-1234567 0912345678", "07-1234567/0912-345-678",
        "+886 (0)912-345-678", "0912\u2013345\u2013678", "0912.345.678"}) {
    EXPECT_TRUE(IsMobilePhone(mobile)) << mobile;
  }
  for (const char* landline :
       {"07-3312345", "(07)331-2345", "02-2311-1111", "+886-7-3312345",
        "0800-000-123", "07-3312345#123", "", "台電客服 1911"}) {
    EXPECT_FALSE(IsMobilePhone(landline)) << landline;
  }
}

// Big5 is recoded strictly: an invalid sequence is an error, not a
// dropped byte.
TEST(Big5ToUtf8, StrictRecoding) {
  EXPECT_EQ(Big5ToUtf8("\xB3\x5C\xA4\x6A"), "許大");
  EXPECT_EQ(Big5ToUtf8("abc"), "abc");
  EXPECT_FALSE(Big5ToUtf8("\xB3").has_value());
  EXPECT_FALSE(Big5ToUtf8("a\xFF\xFF"
                          "b")
                   .has_value());
}

// Roads read from a location text (feeds with an address, no road list).
TEST(RoadNamesIn, ReadsTheRoadsOfAnAddress) {
  using V = std::vector<std::string>;
  EXPECT_EQ(RoadNamesIn("苓雅區四維三路與中正一路口"),
            (V{"四維三路", "中正一路"}));
  EXPECT_EQ(RoadNamesIn("高雄市前鎮區中山二路123號前"), (V{"中山二路"}));
  EXPECT_EQ(RoadNamesIn("高雄市中山二路"), (V{"中山二路"}));
  EXPECT_EQ(RoadNamesIn("光華路二段12巷3號"), (V{"光華路二段"}));
  EXPECT_EQ(RoadNamesIn("前鎮區前鎮街、和平一路及凱旋四路"),
            (V{"前鎮街", "和平一路", "凱旋四路"}));
  EXPECT_EQ(RoadNamesIn("苓雅區苓中里四維三路"), (V{"四維三路"}));
  EXPECT_EQ(RoadNamesIn("中華大道與中華大道口"), (V{"中華大道"}));
  EXPECT_EQ(RoadNamesIn("苓雅區三多一路100號至三多一路200號"), (V{"三多一路"}));
  // Joining words inside a name, a district named with 路, either width.
  EXPECT_EQ(RoadNamesIn("左營區至聖路100號"), (V{"至聖路"}));
  EXPECT_EQ(RoadNamesIn("中山一路至中正路"), (V{"中山一路", "中正路"}));
  EXPECT_EQ(RoadNamesIn("高雄市路竹區中山路"), (V{"中山路"}));
  EXPECT_EQ(RoadNamesIn("光華路２段"), (V{"光華路2段"}));
  EXPECT_EQ(RoadNamesIn("無座標的案件"), V{});
  EXPECT_EQ(RoadNamesIn(""), V{});
  EXPECT_EQ(RoadNamesIn("路"), V{});
  // Invalid UTF-8 is no road and no crash.
  EXPECT_EQ(RoadNamesIn("\xff\xfe路"), V{});
}

}  // namespace
}  // namespace pwis::importers
