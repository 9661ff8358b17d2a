#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>

#include "importers/crs.h"

namespace pwis::importers {
namespace {

// WGS84 lon/lat → TWD97 TM2 metres, to compare in metres.
void ToTm2(double& x, double& y) {
  auto back = ToWgs84::For(Crs::kTwd97);
  ASSERT_TRUE(back.ok());
  std::unique_ptr<OGRCoordinateTransformation> inverse(
      (*back)->ogr()->GetInverse());
  ASSERT_NE(inverse, nullptr);
  ASSERT_TRUE(inverse->Transform(1, &x, &y));
}

TEST(ToWgs84, Twd67ControlPointLandsOnItsTwd97Position) {
  // A TWD67 TM2 point whose TWD97 TM2 position is (179000, 2502000).
  auto t = ToWgs84::For(Crs::kTwd67);
  ASSERT_TRUE(t.ok()) << t.status();
  double x = 178170.79, y = 2502205.23;
  ASSERT_TRUE((*t)->Transform(x, y));
  EXPECT_NEAR(x, 120.3, 0.1);  // degrees now
  EXPECT_NEAR(y, 22.6, 0.1);
  ToTm2(x, y);
  EXPECT_LT(std::hypot(x - 179000.0, y - 2502000.0), 5.0)
      << "landed at " << x << ", " << y;
}

TEST(ToWgs84, Twd97MetresToDegrees) {
  auto t = ToWgs84::For(Crs::kTwd97);
  ASSERT_TRUE(t.ok());
  // The central meridian's false easting: x 250000 is longitude 121.
  double x = 250000, y = 2500000;
  ASSERT_TRUE((*t)->Transform(x, y));
  EXPECT_NEAR(x, 121.0, 1e-9);
  EXPECT_NEAR(y, 22.600081, 1e-6);  // what GDAL's EPSG:3826 gives
}

TEST(ToWgs84, PenghuZoneIsCentredOn119) {
  auto t = ToWgs84::For(Crs::kTwd97Penghu);
  ASSERT_TRUE(t.ok());
  double x = 250000, y = 2605000;
  ASSERT_TRUE((*t)->Transform(x, y));
  EXPECT_NEAR(x, 119.0, 1e-9);
}

TEST(ToWgs84, Wgs84IsUnchanged) {
  auto t = ToWgs84::For(Crs::kWgs84);
  ASSERT_TRUE(t.ok());
  double x = 120.3, y = 22.6;
  ASSERT_TRUE((*t)->Transform(x, y));
  EXPECT_EQ(x, 120.3);
  EXPECT_EQ(y, 22.6);
}

TEST(DetectCrs, DegreesMetresAndSwaps) {
  auto d = DetectCrs(120.3, 22.62);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->crs, Crs::kWgs84);
  EXPECT_FALSE(d->swapped);
  d = DetectCrs(22.62, 120.3);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->crs, Crs::kWgs84);
  EXPECT_TRUE(d->swapped);
  d = DetectCrs(179000, 2502000);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->crs, Crs::kTwd97);
  EXPECT_FALSE(d->swapped);
  d = DetectCrs(2502000, 179000);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->crs, Crs::kTwd97);
  EXPECT_TRUE(d->swapped);
  // Elsewhere in the world, zero, and garbage: nothing detected.
  EXPECT_FALSE(DetectCrs(2.35, 48.85).has_value());
  EXPECT_FALSE(DetectCrs(0, 0).has_value());
  EXPECT_FALSE(DetectCrs(NAN, 22.6).has_value());
  EXPECT_FALSE(DetectCrs(1e300, -1e300).has_value());
}

TEST(CrsByName, NamesAndRefusal) {
  EXPECT_EQ(*CrsByName("epsg:3826"), Crs::kTwd97);
  EXPECT_EQ(*CrsByName("TWD67"), Crs::kTwd67);
  EXPECT_EQ(*CrsByName("EPSG:4326"), Crs::kWgs84);
  EXPECT_EQ(CrsByName("EPSG:3857").status().code(),
            absl::StatusCode::kInvalidArgument);
  for (Crs c : {Crs::kWgs84, Crs::kTwd97, Crs::kTwd97Penghu, Crs::kTwd67,
                Crs::kTwd67Penghu}) {
    EXPECT_EQ(*CrsByName(CrsName(c)), c);
  }
}

}  // namespace
}  // namespace pwis::importers
