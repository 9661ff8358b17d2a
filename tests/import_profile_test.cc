// Import profiles: every shipped one loads, broken ones are refused with
// the file and the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "importers/profile.h"

namespace pwis::importers {
namespace {

using ::testing::HasSubstr;

TEST(Profiles, EveryShippedProfileLoads) {
  auto all = LoadAllProfiles();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_GE(all->size(), 2u);
  for (const Profile& p : *all) {
    EXPECT_FALSE(p.description().empty()) << p.name();
    EXPECT_TRUE(LoadProfile(p.name()).ok()) << p.name();
  }
}

class BadProfiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pwis-profiles-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Refusal(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / (name + ".textproto")).string();
    std::ofstream(path) << text;
    auto p = LoadProfileFile(path);
    EXPECT_FALSE(p.ok()) << text;
    if (p.ok()) return "";
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(p.status().message()), HasSubstr(path));
    return std::string(p.status().message());
  }
  std::filesystem::path dir_;
};

constexpr char kGood[] =
    "name: \"x\" description: \"d\" target: ROAD_WORKS source: \"s\" "
    "field { to: \"source_key\" from: \"id\" } "
    "field { to: \"title\" from: \"t\" } field { to: \"start\" from: \"s\" }";

TEST_F(BadProfiles, TheGoodOneLoads) {
  const std::string path = (dir_ / "x.textproto").string();
  std::ofstream(path) << kGood;
  EXPECT_TRUE(LoadProfileFile(path).ok());
}

TEST_F(BadProfiles, RefusedWithTheReason) {
  EXPECT_THAT(Refusal("x", "name: \"x\" nonsense: 1"), HasSubstr("line 1"));
  EXPECT_THAT(Refusal("y", kGood), HasSubstr("not the file's"));
  EXPECT_THAT(Refusal("x", std::string(kGood) +
                               " field { to: \"colour\" from: \"c\" }"),
              HasSubstr("colour"));
  EXPECT_THAT(Refusal("x", std::string(kGood) +
                               " field { to: \"end\" from: \"e\" value: "
                               "\"v\" }"),
              HasSubstr("exactly one"));
  EXPECT_THAT(Refusal("x", std::string(kGood) +
                               " field { to: \"title\" from: \"again\" }"),
              HasSubstr("twice"));
  EXPECT_THAT(
      Refusal("x", std::string(kGood) + " geometry { crs: \"EPSG:3857\" }"),
      HasSubstr("EPSG:3857"));
  EXPECT_THAT(Refusal("x",
                      "name: \"x\" target: ROAD_WORKS source: \"s\" "
                      "field { to: \"source_key\" from: \"id\" } "
                      "field { to: \"start\" from: \"s\" }"),
              HasSubstr("title"));
  EXPECT_THAT(Refusal("x",
                      "name: \"x\" target: ROAD_WORKS source: \"s\" "
                      "field { to: \"source_key\" from: \"id\" } "
                      "field { to: \"title\" from: \"t\" }"),
              HasSubstr("period"));
  EXPECT_THAT(Refusal("x", "name: \"x\" source: \"s\""), HasSubstr("target"));
  EXPECT_THAT(Refusal("x", std::string(kGood) +
                               " field { to: \"end\" from: \"e\" join: "
                               "\"f\" }"),
              HasSubstr("exactly one of from / value / join"));
  EXPECT_THAT(Refusal("x", std::string(kGood) +
                               " field { to: \"status\" value: \"active\" "
                               "values { key: \"a\" value: \"b\" } }"),
              HasSubstr("a constant needs none"));
}

// Permits: a period is required, an extension given once, and a reader
// without coordinates needs the district.
TEST_F(BadProfiles, PermitProfiles) {
  const std::string base =
      "name: \"x\" target: EXCAVATION_PERMITS source: \"s\" "
      "field { to: \"source_key\" from: \"id\" } ";
  const std::string path = (dir_ / "x.textproto").string();
  std::ofstream(path) << base << "field { to: \"approved_start\" from: \"a\" }";
  EXPECT_TRUE(LoadProfileFile(path).ok());
  EXPECT_THAT(Refusal("x", base), HasSubstr("approved_period"));
  EXPECT_THAT(
      Refusal("x", base + "field { to: \"approved_start\" from: \"a\" } "
                          "field { to: \"extension_period\" from: \"e\" "
                          "} field { to: \"extension_start\" from: "
                          "\"f\" }"),
      HasSubstr("not both"));
  const std::string xml = base +
                          "reader { format: \"xml-records\" records: \"R\" } "
                          "field { to: \"approved_start\" from: \"a\" } ";
  EXPECT_THAT(Refusal("x", xml), HasSubstr("no geometry of its own"));
  std::ofstream(path) << xml << "field { to: \"district\" from: \"d\" }";
  EXPECT_TRUE(LoadProfileFile(path).ok());
}

TEST(Profiles, NamesNeverPaths) {
  for (const char* name : {"", "../etc/passwd", "a/b", "x.textproto"}) {
    auto p = LoadProfile(name);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << name;
  }
  auto missing = LoadProfile("no-such-profile");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("generic-roadworks-geojson"));
}

}  // namespace
}  // namespace pwis::importers
