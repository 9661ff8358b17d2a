// Bad input to the road-works and district RPCs is INVALID_ARGUMENT whose
// message starts with the offending field; missing things are NOT_FOUND.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/support/db_fixture.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListRoadWorksRequest;

class RoadWorksValidationTest : public DatabaseTest {
 protected:
};

struct BadList {
  const char* name;
  std::function<void(ListRoadWorksRequest&)> set;
  const char* field;  // The message must start with "<field>:".
};

const BadList kBadLists[] = {
    {"BboxMinLngGreaterThanMax",
     [](auto& r) { r.set_bbox("120.4,22.5,120.3,22.7"); }, "bbox"},
    {"BboxMinLatGreaterThanMax",
     [](auto& r) { r.set_bbox("120.3,22.8,120.4,22.7"); }, "bbox"},
    {"BboxLngOutOfRange", [](auto& r) { r.set_bbox("-181,22.5,120.4,22.7"); },
     "bbox"},
    {"BboxLatOutOfRange", [](auto& r) { r.set_bbox("120.3,22.5,120.4,91"); },
     "bbox"},
    {"BboxThreeNumbers", [](auto& r) { r.set_bbox("120.3,22.5,120.4"); },
     "bbox"},
    {"BboxNotNumbers", [](auto& r) { r.set_bbox("a,b,c,d"); }, "bbox"},
    {"BboxNaN", [](auto& r) { r.set_bbox("nan,22.5,120.4,22.7"); }, "bbox"},
    {"RadiusZero",
     [](auto& r) {
       r.set_lng(120.3);
       r.set_lat(22.6);
       r.set_radius_m(0);
     },
     "radius_m"},
    {"RadiusNegative",
     [](auto& r) {
       r.set_lng(120.3);
       r.set_lat(22.6);
       r.set_radius_m(-5);
     },
     "radius_m"},
    {"RadiusOver50km",
     [](auto& r) {
       r.set_lng(120.3);
       r.set_lat(22.6);
       r.set_radius_m(50000.5);
     },
     "radius_m"},
    {"RadiusWithoutLng",
     [](auto& r) {
       r.set_lat(22.6);
       r.set_radius_m(100);
     },
     "lng"},
    {"RadiusWithoutLat",
     [](auto& r) {
       r.set_lng(120.3);
       r.set_radius_m(100);
     },
     "lat"},
    {"CircleLatOutOfRange",
     [](auto& r) {
       r.set_lng(120.3);
       r.set_lat(95);
       r.set_radius_m(100);
     },
     "lat"},
    {"PageSizeOver1000", [](auto& r) { r.set_page_size(1001); }, "page_size"},
    {"PageSizeNegative", [](auto& r) { r.set_page_size(-1); }, "page_size"},
    {"GarbagePageToken", [](auto& r) { r.set_page_token("not-a-token"); },
     "page_token"},
    {"UnknownDistrict", [](auto& r) { r.set_district("信義區"); }, "district"},
    {"WindowEndBeforeStart",
     [](auto& r) {
       *r.mutable_window_start() = Ts("2026-03-10T00:00:00Z");
       *r.mutable_window_end() = Ts("2026-03-09T00:00:00Z");
     },
     "window_end"},
    {"WindowEndEqualsStart",
     [](auto& r) {
       *r.mutable_window_start() = Ts("2026-03-10T00:00:00Z");
       *r.mutable_window_end() = Ts("2026-03-10T00:00:00Z");
     },
     "window_end"},
    {"AtAndWindowTogether",
     [](auto& r) {
       *r.mutable_at() = Ts("2026-03-10T00:00:00Z");
       *r.mutable_window_start() = Ts("2026-03-09T00:00:00Z");
     },
     "at"},
    {"DateMalformed", [](auto& r) { r.set_date("2026/03/10"); }, "date"},
    {"DateImpossible", [](auto& r) { r.set_date("2026-02-30"); }, "date"},
    {"StatusUnspecified",
     [](auto& r) { r.add_status(pwis::v1::ROAD_WORK_STATUS_UNSPECIFIED); },
     "status[0]"},
    {"StatusUnknownNumber",
     [](auto& r) { r.add_status(static_cast<pwis::v1::RoadWorkStatus>(42)); },
     "status[0]"},
    // A NUL anywhere in a string would end the text libpq sends: the filter
    // would be silently cut short (or dropped, when it comes first).
    {"RoadLeadingNul",
     [](auto& r) { r.set_road(std::string("\0\xe4\xb8\xad", 4)); }, "road"},
    {"RoadTrailingNul",
     [](auto& r) { r.set_road(std::string("\xe4\xb8\xad\0", 4)); }, "road"},
    {"DistrictNul", [](auto& r) { r.set_district(std::string("a\0b", 3)); },
     "district"},
    {"BboxHex", [](auto& r) { r.set_bbox("0x78,22,121,23"); }, "bbox"},
    // Dates and instants outside the documented range are refused before
    // any SQL (PostgreSQL's own errors never reach a client).
    {"DateYearOne", [](auto& r) { r.set_date("0001-01-01"); }, "date"},
    {"DateYear9999", [](auto& r) { r.set_date("9999-12-31"); }, "date"},
    {"AtBefore1900", [](auto& r) { r.mutable_at()->set_seconds(-2208988801); },
     "at"},
    {"WindowEndFarFuture",
     [](auto& r) { r.mutable_window_end()->set_seconds(253402300799); },
     "window_end"},
    {"TimestampOutOfRange",
     [](auto& r) { r.mutable_at()->set_seconds(-99999999999999); }, "at"},
    {"GeometryFormatUnknown",
     [](auto& r) {
       r.set_geometry_format(static_cast<pwis::v1::GeometryFormat>(9));
     },
     "geometry_format"},
};

class BadListTest : public DatabaseTest,
                    public ::testing::WithParamInterface<BadList> {};

// The message starts with the field, and the field also travels
// machine-readably: a google.rpc.BadRequest in the status details.
TEST_P(BadListTest, IsInvalidArgumentNamingTheField) {
  ListRoadWorksRequest r;
  GetParam().set(r);
  pwis::v1::ListRoadWorksResponse resp;
  EXPECT_THAT(server().roadworks().ListRoadWorks(Ctx().get(), r, &resp),
              IsInvalidField(GetParam().field));
  // The GeoJSON export validates the same way.
  google::api::HttpBody body;
  EXPECT_THAT(
      server().roadworks().ExportRoadWorksGeoJson(Ctx().get(), r, &body),
      IsInvalidField(GetParam().field));
}

INSTANTIATE_TEST_SUITE_P(ListRoadWorks, BadListTest,
                         ::testing::ValuesIn(kBadLists),
                         [](const ::testing::TestParamInfo<BadList>& info) {
                           return std::string(info.param.name);
                         });

TEST_F(RoadWorksValidationTest, ListRoadWorks_EdgeValuesAreAccepted) {
  ListRoadWorksRequest r;
  r.set_bbox("-180,-90,180,90");
  r.set_page_size(1000);
  r.set_lng(180);
  r.set_lat(-90);
  r.set_radius_m(50000);
  pwis::v1::ListRoadWorksResponse resp;
  grpc::Status s = server().roadworks().ListRoadWorks(Ctx().get(), r, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(RoadWorksValidationTest, GetRoadWork_MissingIsNotFound) {
  pwis::v1::GetRoadWorkRequest r;
  r.set_id(987654321);
  pwis::v1::RoadWork w;
  grpc::Status s = server().roadworks().GetRoadWork(Ctx().get(), r, &w);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RoadWorksValidationTest, GetRoadWork_DeletedIsNotFound) {
  RoadWorkSpec spec;
  spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  spec.deleted = true;
  pwis::v1::GetRoadWorkRequest r;
  r.set_id(InsertRoadWork(db(), spec));
  pwis::v1::RoadWork w;
  EXPECT_EQ(server().roadworks().GetRoadWork(Ctx().get(), r, &w).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RoadWorksValidationTest, GetRoadWork_NonPositiveIdIsInvalidArgument) {
  for (int64_t id : {0, -3}) {
    pwis::v1::GetRoadWorkRequest r;
    r.set_id(id);
    pwis::v1::RoadWork w;
    grpc::Status s = server().roadworks().GetRoadWork(Ctx().get(), r, &w);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message().rfind("id:", 0), 0u) << s.error_message();
  }
}

TEST_F(RoadWorksValidationTest, GetRoadWork_UnknownGeometryFormatIsRefused) {
  pwis::v1::GetRoadWorkRequest r;
  r.set_id(1);
  r.set_geometry_format(static_cast<pwis::v1::GeometryFormat>(99));
  pwis::v1::RoadWork w;
  grpc::Status s = server().roadworks().GetRoadWork(Ctx().get(), r, &w);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("geometry_format:", 0), 0u)
      << s.error_message();
}

TEST_F(RoadWorksValidationTest, LocateDistrict_MissingCoordinateIsNamed) {
  pwis::v1::LocateDistrictRequest r;
  r.set_lng(120.3);
  pwis::v1::LocateDistrictResponse resp;
  grpc::Status s = server().districts().LocateDistrict(Ctx().get(), r, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "lat: required");
  r.clear_lng();
  r.set_lat(22.6);
  s = server().districts().LocateDistrict(Ctx().get(), r, &resp);
  EXPECT_EQ(s.error_message(), "lng: required");
}

TEST_F(RoadWorksValidationTest, LocateDistrict_OutOfRangeIsInvalidArgument) {
  pwis::v1::LocateDistrictRequest r;
  r.set_lng(200);
  r.set_lat(22.6);
  pwis::v1::LocateDistrictResponse resp;
  grpc::Status s = server().districts().LocateDistrict(Ctx().get(), r, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("lng:", 0), 0u) << s.error_message();
  r.set_lng(120.3);
  r.set_lat(-91);
  s = server().districts().LocateDistrict(Ctx().get(), r, &resp);
  EXPECT_EQ(s.error_message().rfind("lat:", 0), 0u) << s.error_message();
}

}  // namespace
}  // namespace pwis::testing
