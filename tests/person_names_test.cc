// Names in public answers: every natural person masked, organisations in
// full, and no way around it by spacing, width or lists.
#include "services/licenses/person_names.h"

#include <gtest/gtest.h>

namespace pwis::licenses {
namespace {

TEST(PublicName, MasksPeople) {
  EXPECT_EQ(PublicName("王小明"), "王○明");
  EXPECT_EQ(PublicName("王明"), "王○");
  EXPECT_EQ(PublicName("歐陽小明"), "歐○○明");
  EXPECT_EQ(PublicName("王"), "○");
  EXPECT_EQ(PublicName(" 王小明 "), "王○明");
  EXPECT_EQ(PublicName("王小明　"), "王○明");  // ideographic space
  EXPECT_EQ(PublicName("王小明等3人"), "王○明等3人");
  EXPECT_EQ(PublicName("王小明、李大華"), "王○明、李○華");
  EXPECT_EQ(PublicName("王小明，李大華"), "王○明,李○華");
  EXPECT_EQ(PublicName("John Smith"), "J*** S****");
  EXPECT_EQ(PublicName(""), "");
  // A person whose name ends like an agency's is still a person.
  EXPECT_EQ(PublicName("李明堂"), "李○堂");
  EXPECT_EQ(PublicName("王建設"), "王○設");
  // Latin and CJK mixed: stars, never half a character.
  EXPECT_EQ(PublicName("A 王小明"), "A *********");
  // Text that is not UTF-8 is masked whole, never shown.
  EXPECT_EQ(PublicName("\xff\xfe"), "○");
}

TEST(PublicName, ShowsOrganisationsInFull) {
  for (const char* org :
       {"大高雄營造股份有限公司", "林大明建築師事務所", "高雄市政府工務局",
        "財團法人高雄市文化基金會", "某某社區管理委員會", "台灣電力公司",
        "大高雄營造", "高雄市立三民國民中學附設辦公室", "ACME Co., Ltd."}) {
    EXPECT_TRUE(IsOrganisation(org)) << org;
    EXPECT_EQ(PublicName(org), org) << org;
  }
  // A company and a person in one list: each as it is.
  EXPECT_EQ(PublicName("大高雄營造股份有限公司、王小明"),
            "大高雄營造股份有限公司、王○明");
  for (const char* person : {"王小明", "李明堂", "陳國部", "John Smith"}) {
    EXPECT_FALSE(IsOrganisation(person)) << person;
  }
}

}  // namespace
}  // namespace pwis::licenses
