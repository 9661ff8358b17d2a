// Accept-Language read as browsers and HTTP clients send it.
#include "services/common/language.h"

#include <gtest/gtest.h>

namespace pwis {
namespace {

TEST(LanguageTest, AcceptLanguageByPreference) {
  EXPECT_EQ(FromAcceptLanguage(""), Language::kBoth);
  EXPECT_EQ(FromAcceptLanguage("en"), Language::kEn);
  EXPECT_EQ(FromAcceptLanguage("en-US,en;q=0.9"), Language::kEn);
  EXPECT_EQ(FromAcceptLanguage("zh-TW,zh;q=0.9,en-US;q=0.8"), Language::kZhTw);
  EXPECT_EQ(FromAcceptLanguage("zh-Hant-TW"), Language::kZhTw);
  EXPECT_EQ(FromAcceptLanguage("ZH-tw"), Language::kZhTw);
  EXPECT_EQ(FromAcceptLanguage("fr, en;q=0.5, zh-TW;q=0.7"), Language::kZhTw);
  EXPECT_EQ(FromAcceptLanguage("zh-TW;q=0.2, en;q=0.9"), Language::kEn);
  // Only languages pwis does not serve, or nonsense: both.
  EXPECT_EQ(FromAcceptLanguage("fr, de;q=0.5"), Language::kBoth);
  EXPECT_EQ(FromAcceptLanguage("*"), Language::kBoth);
  EXPECT_EQ(FromAcceptLanguage(";;;,,,q=="), Language::kBoth);
  EXPECT_EQ(FromAcceptLanguage("en;q=zero"), Language::kBoth);
  // Simplified Chinese is not what pwis writes.
  EXPECT_EQ(FromAcceptLanguage("zh-CN"), Language::kBoth);
}

}  // namespace
}  // namespace pwis
