// License numbers as Kaohsiung prints them and as people type them: each
// form parsed to year, kind, sequence and version, written back in the
// bureau's form, and what is not a number refused with the expected form.
#include "services/licenses/license_number.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace pwis::licenses {
namespace {

using ::testing::HasSubstr;

LicenseNumber N(int year, LicenseKind kind, int seq, int version = 0) {
  LicenseNumber n;
  n.roc_year = year;
  n.kind = kind;
  n.sequence = seq;
  n.version = version;
  return n;
}

TEST(ParseLicenseNumber, TheBureausForms) {
  struct Case {
    const char* text;
    LicenseNumber want;
  } cases[] = {
      {"(108)高市工建築字第02302號", N(108, LicenseKind::kBuilding, 2302)},
      {"(113)高市工建築使字第01160號", N(113, LicenseKind::kUse, 1160)},
      {"(110)高市工建築雜字第00123號",
       N(110, LicenseKind::kMiscellaneous, 123)},
      {"(110)高市工建築拆字第00045號", N(110, LicenseKind::kDemolition, 45)},
      {"(110)高市工建築字第01930-01號",
       N(110, LicenseKind::kBuilding, 1930, 1)},
  };
  for (const Case& c : cases) {
    auto n = ParseLicenseNumber(c.text);
    ASSERT_TRUE(n.ok()) << c.text << ": " << n.status();
    EXPECT_EQ(*n, c.want) << c.text;
    EXPECT_EQ(n->Canonical(), c.text);
  }
}

TEST(ParseLicenseNumber, LooseFormsPeopleType) {
  struct Case {
    const char* text;
    const char* canonical;
  } cases[] = {
      {"（１０８）高市工建築字第０２３０２號", "(108)高市工建築字第02302號"},
      {"108高市工建築字第02302號", "(108)高市工建築字第02302號"},
      {" (108) 高市工建築字 第 2302 號 ", "(108)高市工建築字第02302號"},
      {"108建字2302", "(108)高市工建築字第02302號"},
      {"108建字第2302號", "(108)高市工建築字第02302號"},
      {"108使字1160", "(108)高市工建築使字第01160號"},
      {"108雜2302", "(108)高市工建築雜字第02302號"},
      {"108拆字45", "(108)高市工建築拆字第00045號"},
      {"108-2302", "(108)高市工建築字第02302號"},
      {"１０８－２３０２－０１", "(108)高市工建築字第02302-01號"},
      {"民國108年建字2302", "(108)高市工建築字第02302號"},
      {"(110)高市工建築字第01930之1號", "(110)高市工建築字第01930-01號"},
      {"高雄市政府工務局建築字(108)", ""},  // refused below
  };
  for (const Case& c : cases) {
    auto n = ParseLicenseNumber(c.text);
    if (*c.canonical == '\0') {
      EXPECT_FALSE(n.ok()) << c.text;
      continue;
    }
    ASSERT_TRUE(n.ok()) << c.text << ": " << n.status();
    EXPECT_EQ(n->Canonical(), c.canonical) << c.text;
  }
}

TEST(ParseLicenseNumber, SaysWhichLicenseWasMeant) {
  auto n = ParseLicenseNumber("108-2302-01");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->DescribeZh(), "建造執照 108年第02302號（第1次變更）");
  EXPECT_EQ(n->DescribeEn(),
            "building license no. 02302 of ROC year 108 (2019), amendment 1");
  EXPECT_STREQ(KindName(ParseLicenseNumber("108使字1")->kind), "use");
}

TEST(ParseLicenseNumber, RefusesWhatIsNotANumberWithTheExpectedForm) {
  for (const char* bad :
       {"", "   ", "abc", "2019-2302", "(108高市工建築字第02302號",
        "(108)高市工建築字第號", "(108)高市工建築字第123456號",
        "(108)高市工建築字第00000號", "(108)高市工建築字第02302-號",
        "(108)高市工建築字第02302-100號", "(108)高市工建築字第02302號之外",
        "(59)高市工建築字第02302號", "(201)高市工建築字第02302號",
        "108建字2302; DROP TABLE licenses", "108-2302號", "\xff\xfe",
        "108北市建字2302"}) {
    auto n = ParseLicenseNumber(bad);
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(n.status().message()),
                HasSubstr("(108)高市工建築字第02302號"))
        << bad;
  }
  // A long input is cut in the message.
  auto n = ParseLicenseNumber(std::string(10000, '1'));
  ASSERT_FALSE(n.ok());
  EXPECT_LT(n.status().message().size(), 600u);
}

}  // namespace
}  // namespace pwis::licenses
