// CheckDigSite against the real PostGIS: whom to notify, the conflicts and
// their distances and overlapping days, the verdict, joint-dig
// suggestions, agreement with ListPermits and ListRoadWorks, and the edge
// cases (boundaries, the buffer distance, midnight, dates, lines, two
// districts, a bow tie, the limits); plus ListNoDigZones and
// ListUtilityNetworks; public works projects at the site.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "gis/geo/json_struct.h"
#include "pwis/v1/excavation.grpc.pb.h"
#include "tests/support/db_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/json_path.h"
#include "tests/support/seed_permits.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::CheckDigSiteRequest;
using pwis::v1::CheckDigSiteResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

// 前金區, on 中山一路.
constexpr double kLng = 120.3015, kLat = 22.6205;
constexpr char kContractorPhone[] = "0912-345-678";

std::string PointWkt(double lng, double lat) {
  return absl::StrFormat("POINT(%.9f %.9f)", lng, lat);
}

google::protobuf::Struct Geometry(const std::string& geojson) {
  google::protobuf::Struct s;
  EXPECT_TRUE(geo::JsonToStruct(geojson, &s).ok()) << geojson;
  return s;
}

google::protobuf::Struct PointSite(double lng, double lat) {
  return Geometry(absl::StrFormat(
      R"({"type":"Point","coordinates":[%.9f,%.9f]})", lng, lat));
}

class DigSiteTest : public DatabaseTest {
 protected:
  void SetUp() override {
    Truncate(
        "excavation_permits, pipeline_agencies, utility_networks, "
        "no_dig_zones, road_works, projects CASCADE");
    power_ = InsertAgency(db(), {});
    AgencySpec water;
    water.code = "TWC-7";
    water.name_zh = "台灣自來水公司第七區管理處";
    water.name_en = "Taiwan Water Corporation 7th Branch";
    water.pipeline_type = "water";
    water.public_phone = "07-7613111";
    water.dig_notice_phone = "07-7613222";
    water_ = InsertAgency(db(), water);
  }
  pwis::v1::ExcavationService::Stub& stub() {
    return server().stub<pwis::v1::ExcavationService>();
  }
  // TM2 metres from the site centre to WGS84.
  std::pair<double, double> Offset(double east_m, double north_m) {
    std::string v = db().QueryValue(absl::StrFormat(
        "SELECT ST_X(g) || ' ' || ST_Y(g) FROM (SELECT ST_Transform("
        "ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(%.9f, %.9f), "
        "4326), 3826), %.6f, %.6f), 4326) AS g) s",
        kLng, kLat, east_m, north_m));
    std::vector<std::string> xy = absl::StrSplit(v, ' ');
    return {std::stod(xy[0]), std::stod(xy[1])};
  }
  CheckDigSiteRequest Request(
      google::protobuf::Struct site,
      const std::string& start = "2026-03-10T00:00:00+08:00",
      const std::string& end = "2026-03-13T00:00:00+08:00") {
    CheckDigSiteRequest r;
    *r.mutable_site() = std::move(site);
    *r.mutable_window()->mutable_start_time() = Ts(start);
    *r.mutable_window()->mutable_end_time() = Ts(end);
    return r;
  }
  CheckDigSiteResponse Check(const CheckDigSiteRequest& r) {
    CheckDigSiteResponse resp;
    grpc::Status s = stub().CheckDigSite(Ctx().get(), r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
  grpc::Status CheckStatus(const CheckDigSiteRequest& r) {
    CheckDigSiteResponse resp;
    return stub().CheckDigSite(Ctx().get(), r, &resp);
  }
  int64_t AddPermit(PermitSpec s) {
    if (s.agency_id == 0) s.agency_id = power_;
    if (s.wkt.empty()) s.wkt = PointWkt(kLng, kLat);
    return InsertPermit(db(), s);
  }
  static std::vector<std::string> References(const CheckDigSiteResponse& r,
                                             pwis::v1::ConflictKind kind) {
    std::vector<std::string> out;
    for (const auto& c : r.conflicts()) {
      if (c.kind() == kind) out.push_back(c.reference());
    }
    return out;
  }
  int64_t power_ = 0, water_ = 0;
};

TEST_F(DigSiteTest, ClearSiteStillNamesTheAgenciesToNotify) {
  auto [w_lng, w_lat] = Offset(-100, 20);
  auto [e_lng, e_lat] = Offset(100, 20);
  NetworkSpec main;
  main.agency_id = water_;
  main.name = "中山一路 配水幹管 DN600";
  main.width_m = 4;  // Its edge is 20 - 2 = 18 m from the site.
  main.wkt = absl::StrFormat("LINESTRING(%.9f %.9f, %.9f %.9f)", w_lng, w_lat,
                             e_lng, e_lat);
  InsertNetwork(db(), main);
  NetworkSpec far = main;
  far.agency_id = power_;
  auto [f1, f2] = Offset(-100, 80);
  auto [f3, f4] = Offset(100, 80);
  far.wkt = absl::StrFormat("LINESTRING(%.9f %.9f, %.9f %.9f)", f1, f2, f3, f4);
  InsertNetwork(db(), far);
  NetworkSpec gone = main;
  gone.agency_id = power_;
  gone.deleted = true;
  InsertNetwork(db(), gone);

  CheckDigSiteResponse r = Check(Request(PointSite(kLng, kLat)));
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_CLEAR);
  EXPECT_EQ(r.verdict_label().zh_tw(), "無衝突");
  EXPECT_THAT(r.conflicts(), IsEmpty());
  ASSERT_EQ(r.agencies_to_notify_size(), 1);
  const auto& a = r.agencies_to_notify(0);
  EXPECT_EQ(a.agency().code(), "TWC-7");
  EXPECT_EQ(a.agency().public_phone(), "07-7613111");
  EXPECT_EQ(a.dig_notice_phone(), "07-7613222");
  EXPECT_NEAR(a.distance_m(), 18, 0.01);
  EXPECT_THAT(a.network_names(), ElementsAre("中山一路 配水幹管 DN600"));
  EXPECT_EQ(a.network_count(), 1);
  EXPECT_EQ(r.buffer_m(), 30);
  ASSERT_GE(r.reasons_size(), 2);
  EXPECT_THAT(r.reasons(0).en(), HasSubstr("No permit"));
  EXPECT_THAT(r.reasons(1).zh_tw(), HasSubstr("通知"));
  ASSERT_EQ(r.districts_size(), 1);
  EXPECT_EQ(r.districts(0).name().zh_tw(), "前金區");
  EXPECT_EQ(JsonAt(r.site(), "type")->string_value(), "Point");

  // A wider buffer reaches the second line; a service area counts inside.
  CheckDigSiteRequest wide = Request(PointSite(kLng, kLat));
  wide.set_buffer_m(80);
  EXPECT_EQ(Check(wide).agencies_to_notify_size(), 2);
  NetworkSpec area;
  area.agency_id = power_;
  area.kind = "service_area";
  area.width_m = 0;
  auto [a1, a2] = Offset(-300, -300);
  auto [a3, a4] = Offset(300, 300);
  area.wkt = absl::StrFormat(
      "POLYGON((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))", a1,
      a2, a3, a2, a3, a4, a1, a4, a1, a2);
  InsertNetwork(db(), area);
  CheckDigSiteResponse inside = Check(Request(PointSite(kLng, kLat)));
  ASSERT_EQ(inside.agencies_to_notify_size(), 2);
  EXPECT_EQ(inside.agencies_to_notify(0).agency().code(), "TPC-KH");
  EXPECT_EQ(inside.agencies_to_notify(0).distance_m(), 0);
}

TEST_F(DigSiteTest, ConflictsCarryKindDistanceOverlapAndContact) {
  auto [lng, lat] = Offset(12, 0);
  PermitSpec p;
  p.permit_no = "W11502029";
  p.agency_id = water_;
  p.wkt = PointWkt(lng, lat);
  p.approved = "[2026-03-01 00:00+08,2026-03-12 00:00+08)";
  p.contractor_phone = kContractorPhone;
  AddPermit(p);
  RoadWorkSpec w;
  auto [w1, w2] = Offset(-5, -50);
  auto [w3, w4] = Offset(-5, 50);
  w.wkt = absl::StrFormat("LINESTRING(%.9f %.9f, %.9f %.9f)", w1, w2, w3, w4);
  w.title = "中山一路人行道改善";
  InsertRoadWork(db(), w);

  CheckDigSiteResponse r = Check(Request(PointSite(kLng, kLat)));
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_CONFLICTS);
  ASSERT_EQ(r.conflicts_size(), 2);
  const auto& permit = r.conflicts(0);
  EXPECT_EQ(permit.kind(), pwis::v1::CONFLICT_KIND_PERMIT);
  EXPECT_EQ(permit.kind_label().en(), "Excavation permit");
  EXPECT_EQ(permit.reference(), "W11502029");
  EXPECT_NEAR(permit.distance_m(), 12, 0.01);
  EXPECT_EQ(permit.responsible().code(), "TWC-7");
  EXPECT_EQ(permit.responsible().phone(), "07-7613111");
  EXPECT_EQ(permit.status_label().zh_tw(), "已核准");
  // Window 10–12 March (end exclusive 13th); permit ends 12th 00:00.
  EXPECT_EQ(permit.overlap().first_day(), "2026-03-10");
  EXPECT_EQ(permit.overlap().last_day(), "2026-03-11");
  EXPECT_EQ(permit.overlap().days(), 2);
  EXPECT_EQ(permit.overlap().range().start_time().seconds(),
            Ts("2026-03-10T00:00:00+08:00").seconds());
  EXPECT_EQ(permit.overlap().range().end_time().seconds(),
            Ts("2026-03-12T00:00:00+08:00").seconds());
  EXPECT_EQ(JsonAt(permit.geometry(), "type")->string_value(), "Point");
  const auto& work = r.conflicts(1);
  EXPECT_EQ(work.kind(), pwis::v1::CONFLICT_KIND_ROAD_WORK);
  EXPECT_NEAR(work.distance_m(), 5, 0.01);
  EXPECT_EQ(work.title().zh_tw(), "中山一路人行道改善");
  EXPECT_EQ(work.overlap().days(), 3);
  EXPECT_THAT(r.reasons(0).en(), HasSubstr("1 excavation permit meets"));
  EXPECT_THAT(r.reasons(1).zh_tw(), HasSubstr("道路施工"));

  // The contractor's phone is in no answer, in any encoding.
  std::string bytes;
  ASSERT_TRUE(r.SerializeToString(&bytes));
  EXPECT_THAT(bytes, Not(HasSubstr(kContractorPhone)));
  std::string body = absl::StrFormat(
      R"({"site":{"type":"Point","coordinates":[%.7f,%.7f]},"bufferM":30,)"
      R"("window":{"startTime":"2026-03-10T00:00:00+08:00",)"
      R"("endTime":"2026-03-13T00:00:00+08:00"}})",
      kLng, kLat);
  HttpResult h = Fetch(server().http_port(), "POST", "/v1/digsite:check",
                       {{"content-type", "application/json"}}, body);
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_THAT(h.body, Not(HasSubstr(kContractorPhone)));
  google::protobuf::Struct doc = ParseJson(h.body);
  EXPECT_EQ(JsonAt(doc, "verdict")->string_value(), "DIG_VERDICT_CONFLICTS");
  EXPECT_EQ(JsonAt(doc, "conflicts[0].reference")->string_value(), "W11502029");
  EXPECT_EQ(JsonAt(doc, "conflicts[0].overlap.firstDay")->string_value(),
            "2026-03-10");
}

TEST_F(DigSiteTest, PublicWorksProjectsAtTheSiteInTheWindowConflict) {
  // Default window 10–12 March 2026, buffer 30 m around (kLng, kLat).
  auto project = [&](const char* no, const char* status, double east_m,
                     const char* start, const char* completion,
                     const char* actual) {
    auto [lng, lat] = Offset(east_m, 0);
    db().Exec(absl::StrFormat(
        "INSERT INTO projects (project_no, name_zh, name_en, unit_code, "
        "category, status, road_names, geom, contract_start, "
        "planned_completion, actual_completion) VALUES ('%s', "
        "'中山一路排水改善', "
        "'Zhongshan 1st Road Drainage', 'NBO', 'drainage', '%s', "
        "'{中山一路}', ST_SetSRID(ST_MakePoint(%.9f, %.9f), 4326), %s, %s, "
        "%s)",
        no, status, lng, lat, start, completion, actual));
  };
  project("AT-SITE", "under_construction", 20, "'2026-01-05'", "'2026-06-30'",
          "NULL");
  project("SUSPENDED", "suspended", 10, "'2026-01-05'", "'2026-06-30'", "NULL");
  project("FAR", "under_construction", 200, "'2026-01-05'", "'2026-06-30'",
          "NULL");
  project("CANCELLED", "cancelled", 5, "'2026-01-05'", "'2026-06-30'", "NULL");
  project("NOT-YET", "planning", 5, "NULL", "NULL", "NULL");
  // Finished on 9 March: its days end before the window starts.
  project("DONE", "completed", 5, "'2025-06-01'", "'2026-03-31'",
          "'2026-03-09'");
  CheckDigSiteResponse r = Check(Request(PointSite(kLng, kLat)));
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_CONFLICTS);
  EXPECT_THAT(References(r, pwis::v1::CONFLICT_KIND_PROJECT),
              ::testing::UnorderedElementsAre("AT-SITE", "SUSPENDED"));
  const pwis::v1::DigConflict* at = nullptr;
  for (const auto& x : r.conflicts()) {
    if (x.reference() == "AT-SITE") at = &x;
  }
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->kind_label().zh_tw(), "公共工程");
  EXPECT_NEAR(at->distance_m(), 20, 0.01);
  EXPECT_EQ(at->title().en(), "Zhongshan 1st Road Drainage");
  EXPECT_EQ(at->responsible().code(), "NBO");
  EXPECT_EQ(at->responsible().name().zh_tw(), "新建工程處");
  EXPECT_EQ(at->status_label().zh_tw(), "施工中");
  EXPECT_THAT(at->road_names(), ElementsAre("中山一路"));
  EXPECT_EQ(at->overlap().days(), 3);
  bool told = false;
  for (const auto& reason : r.reasons()) {
    told = told || absl::StrContains(reason.en(), "2 public works projects");
  }
  EXPECT_TRUE(told);
  // A window after the contract's days: none.
  r = Check(Request(PointSite(kLng, kLat), "2026-07-01T00:00:00+08:00",
                    "2026-07-03T00:00:00+08:00"));
  EXPECT_THAT(References(r, pwis::v1::CONFLICT_KIND_PROJECT), IsEmpty());
}

TEST_F(DigSiteTest, NoDigZoneBlocksAndBoundariesThatTouchCount) {
  // A zone whose edge is the site's edge: they touch, distance 0.
  auto [x0, y0] = Offset(0, 0);
  auto [x1, y1] = Offset(40, 40);
  auto [x2, y2] = Offset(80, 40);
  NoDigZoneSpec z;
  z.wkt = absl::StrFormat(
      "POLYGON((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))", x1,
      y0, x2, y0, x2, y1, x1, y1, x1, y0);
  InsertNoDigZone(db(), z);
  std::string site = absl::StrFormat(
      R"({"type":"Polygon","coordinates":[[[%.9f,%.9f],[%.9f,%.9f],)"
      R"([%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]})",
      x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
  CheckDigSiteRequest req = Request(Geometry(site));
  req.set_buffer_m(0);
  CheckDigSiteResponse r = Check(req);
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_BLOCKED);
  ASSERT_EQ(r.conflicts_size(), 1);
  EXPECT_EQ(r.conflicts(0).kind(), pwis::v1::CONFLICT_KIND_NO_DIG_ZONE);
  EXPECT_LT(r.conflicts(0).distance_m(), 0.001);
  EXPECT_EQ(r.conflicts(0).status_label().en(),
            "Resurfaced less than a year ago");
  EXPECT_EQ(r.conflicts(0).responsible().phone(), "07-7995678");
  ASSERT_GE(r.reasons_size(), 1);
  EXPECT_THAT(r.reasons(0).zh_tw(), HasSubstr("ND-2026-0001"));
  EXPECT_THAT(r.reasons(0).en(), HasSubstr("no digging from 2026-03-10 to "
                                           "2026-03-12"));
  // After the zone's period: no longer blocked.
  CheckDigSiteResponse later =
      Check(Request(Geometry(site), "2027-01-01T00:00:00+08:00",
                    "2027-01-05T00:00:00+08:00"));
  EXPECT_EQ(later.verdict(), pwis::v1::DIG_VERDICT_CLEAR);
}

TEST_F(DigSiteTest, AFeatureExactlyAtTheBufferDistanceCounts) {
  auto [at_lng, at_lat] = Offset(30, 0);
  auto [out_lng, out_lat] = Offset(30.01, 0);
  PermitSpec at;
  at.permit_no = "AT30";
  at.wkt = PointWkt(at_lng, at_lat);
  AddPermit(at);
  PermitSpec out;
  out.permit_no = "OUT30";
  out.wkt = PointWkt(out_lng, out_lat);
  AddPermit(out);
  CheckDigSiteResponse r = Check(Request(PointSite(kLng, kLat)));
  EXPECT_THAT(References(r, pwis::v1::CONFLICT_KIND_PERMIT),
              ElementsAre("AT30"));
  // ListPermits' circle draws the same line.
  pwis::v1::ListPermitsRequest l;
  l.set_lng(kLng);
  l.set_lat(kLat);
  l.set_radius_m(30);
  l.set_any_time(true);
  pwis::v1::ListPermitsResponse lr;
  ASSERT_TRUE(stub().ListPermits(Ctx().get(), l, &lr).ok());
  ASSERT_EQ(lr.permits_size(), 1);
  EXPECT_EQ(lr.permits(0).permit_no(), "AT30");
}

TEST_F(DigSiteTest, PeriodsTouchingAtMidnightDoNotOverlapAndDatesAreDays) {
  PermitSpec p;
  p.approved = "[2026-03-01 00:00+08,2026-03-15 00:00+08)";
  AddPermit(p);
  // Starting the midnight the permit ends: no overlap.
  CheckDigSiteResponse after =
      Check(Request(PointSite(kLng, kLat), "2026-03-15T00:00:00+08:00",
                    "2026-03-16T00:00:00+08:00"));
  EXPECT_EQ(after.verdict(), pwis::v1::DIG_VERDICT_CLEAR);
  // Ending the midnight before: neither (UTC spelling of the same instant).
  CheckDigSiteResponse before = Check(Request(
      PointSite(kLng, kLat), "2026-02-27T16:00:00Z", "2026-02-28T16:00:00Z"));
  EXPECT_EQ(before.verdict(), pwis::v1::DIG_VERDICT_CLEAR);
  // Days: 14 March given as a date is the permit's last day.
  CheckDigSiteRequest days;
  *days.mutable_site() = PointSite(kLng, kLat);
  days.mutable_window()->set_start_date("2026-03-14");
  days.mutable_window()->set_end_date("2026-03-14");
  CheckDigSiteResponse d = Check(days);
  ASSERT_EQ(d.conflicts_size(), 1);
  EXPECT_EQ(d.conflicts(0).overlap().first_day(), "2026-03-14");
  EXPECT_EQ(d.conflicts(0).overlap().last_day(), "2026-03-14");
  EXPECT_EQ(d.conflicts(0).overlap().days(), 1);
  EXPECT_EQ(d.window().start_time().seconds(),
            Ts("2026-03-14T00:00:00+08:00").seconds());
  EXPECT_EQ(d.window().end_time().seconds(),
            Ts("2026-03-15T00:00:00+08:00").seconds());
  days.mutable_window()->set_start_date("2026-03-15");
  days.mutable_window()->set_end_date("2026-03-16");
  EXPECT_EQ(Check(days).verdict(), pwis::v1::DIG_VERDICT_CLEAR);
}

TEST_F(DigSiteTest, LineSiteAcrossTwoDistricts) {
  // A point on the boundary of two neighbouring districts.
  std::string v = db().QueryValue(
      "SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface("
      "ST_Intersection(a.geom, b.geom)) AS p FROM districts a, districts b "
      "WHERE a.name_zh = '前金區' AND b.name_zh = '新興區') s");
  std::vector<std::string> xy = absl::StrSplit(v, ' ');
  ASSERT_EQ(xy.size(), 2u) << v;
  double x = std::stod(xy[0]), y = std::stod(xy[1]);
  std::string line = absl::StrFormat(
      R"({"type":"LineString","coordinates":[[%.9f,%.9f],[%.9f,%.9f]]})",
      x - 0.0008, y, x + 0.0008, y);
  CheckDigSiteResponse r = Check(Request(Geometry(line)));
  std::vector<std::string> names;
  for (const auto& d : r.districts()) names.push_back(d.name().zh_tw());
  EXPECT_THAT(names, UnorderedElementsAreArray({"前金區", "新興區"}));
  EXPECT_EQ(JsonAt(r.site(), "type")->string_value(), "LineString");
}

TEST_F(DigSiteTest, BowTieIsRepairedAndSaysSo) {
  auto [x0, y0] = Offset(-20, -20);
  auto [x1, y1] = Offset(20, 20);
  // (x0,y0) → (x1,y1) → (x1,y0) → (x0,y1) → back: a bow tie.
  std::string bow = absl::StrFormat(
      R"({"type":"Polygon","coordinates":[[[%.9f,%.9f],[%.9f,%.9f],)"
      R"([%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]})",
      x0, y0, x1, y1, x1, y0, x0, y1, x0, y0);
  AddPermit({});
  CheckDigSiteResponse r = Check(Request(Geometry(bow)));
  EXPECT_TRUE(r.site_repaired());
  EXPECT_THAT(r.repair_note().en(), HasSubstr("Self-intersection"));
  EXPECT_THAT(r.repair_note().zh_tw(), HasSubstr("已自動修正"));
  EXPECT_EQ(JsonAt(r.site(), "type")->string_value(), "MultiPolygon");
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_CONFLICTS);
  // A polygon with no area left is refused, with the reason.
  std::string flat = absl::StrFormat(
      R"({"type":"Polygon","coordinates":[[[%.9f,%.9f],[%.9f,%.9f],)"
      R"([%.9f,%.9f],[%.9f,%.9f]]]})",
      x0, y0, x1, y1, x0, y0, x0, y0);
  EXPECT_THAT(CheckStatus(Request(Geometry(flat))), IsInvalidField("site"));
}

TEST_F(DigSiteTest, Twd97SitesMatchTheirWgs84Form) {
  auto [lng, lat] = Offset(10, 0);
  PermitSpec p;
  p.wkt = PointWkt(lng, lat);
  AddPermit(p);
  std::string xy = db().QueryValue(absl::StrFormat(
      "SELECT ST_X(g) || ',' || ST_Y(g) FROM (SELECT ST_Transform("
      "ST_SetSRID(ST_MakePoint(%.9f, %.9f), 4326), 3826) AS g) s",
      kLng, kLat));
  CheckDigSiteRequest tm2 = Request(
      Geometry(absl::StrCat(R"({"type":"Point","coordinates":[)", xy, "]}")));
  tm2.set_srid(3826);
  CheckDigSiteResponse r = Check(tm2);
  ASSERT_EQ(r.conflicts_size(), 1);
  EXPECT_NEAR(r.conflicts(0).distance_m(), 10, 0.01);
  EXPECT_NEAR(JsonAt(r.site(), "coordinates[0]")->number_value(), kLng, 1e-7);
  // The same by a GeoJSON crs member.
  CheckDigSiteRequest crs = Request(Geometry(absl::StrCat(
      R"({"type":"Point","crs":{"type":"name","properties":{"name":)"
      R"("urn:ogc:def:crs:EPSG::3826"}},"coordinates":[)",
      xy, "]}")));
  EXPECT_EQ(Check(crs).conflicts_size(), 1);
}

TEST_F(DigSiteTest, RefusesWhatCannotBeCheckedNamingTheField) {
  auto [e_lng, e_lat] = Offset(300, 300);
  auto [w_lng, w_lat] = Offset(-300, 0);
  std::string wide = absl::StrFormat(
      R"({"type":"LineString","coordinates":[[%.9f,%.9f],[%.9f,%.9f]]})", w_lng,
      w_lat, e_lng, e_lat);
  EXPECT_THAT(CheckStatus(Request(Geometry(wide))), IsInvalidField("site"));
  EXPECT_THAT(
      CheckStatus(Request(PointSite(kLng, kLat), "2026-01-01T00:00:00+08:00",
                          "2027-01-03T00:00:00+08:00")),
      IsInvalidField("window.end_time"));
  EXPECT_THAT(
      CheckStatus(Request(PointSite(kLng, kLat), "2026-03-10T00:00:00+08:00",
                          "2026-03-09T00:00:00+08:00")),
      IsInvalidField("window.end_time"));
  CheckDigSiteRequest buffer = Request(PointSite(kLng, kLat));
  buffer.set_buffer_m(501);
  EXPECT_THAT(CheckStatus(buffer), IsInvalidField("buffer_m"));
  buffer.set_buffer_m(-1);
  EXPECT_THAT(CheckStatus(buffer), IsInvalidField("buffer_m"));
  for (const char* bad : {
           R"({"type":"Point","coordinates":[]})",
           R"({"type":"LineString","coordinates":[[120.3,22.6]]})",
           R"({"type":"Polygon","coordinates":[[[120.3,22.6],[120.31,22.6],)"
           R"([120.31,22.61],[120.3,22.61]]]})",
           R"({"type":"Point","coordinates":[22.6205,120.3015]})",
           R"({"type":"Point","coordinates":[139.69,35.69]})",
           R"({"type":"Point","coordinates":["120.3","22.6"]})",
           R"({"type":"GeometryCollection","geometries":[]})",
           R"({"type":"Feature","geometry":null})",
           R"({"type":"Circle","coordinates":[120.3,22.6]})",
           R"({"coordinates":[120.3,22.6]})",
           R"({"type":"Point","crs":{"type":"name","properties":{"name":)"
           R"("EPSG:3857"}},"coordinates":[120.3,22.6]})",
           R"({"type":"MultiPolygon","coordinates":[]})",
       }) {
    EXPECT_THAT(CheckStatus(Request(Geometry(bad))), IsInvalidField("site"))
        << bad;
  }
  CheckDigSiteRequest srid = Request(PointSite(kLng, kLat));
  srid.set_srid(3857);
  EXPECT_THAT(CheckStatus(srid), IsInvalidField("srid"));
  // TWD97 coordinates sent as WGS84 are outside Taiwan.
  CheckDigSiteRequest tm2_as_wgs =
      Request(Geometry(R"({"type":"Point","coordinates":[177000,2503000]})"));
  EXPECT_THAT(CheckStatus(tm2_as_wgs), IsInvalidField("site"));
  // Everything missing is named at once.
  CheckDigSiteResponse resp;
  grpc::Status none = stub().CheckDigSite(Ctx().get(), {}, &resp);
  EXPECT_THAT(none,
              IsInvalidFields(std::vector<std::string>{"site", "window"}));
  CheckDigSiteRequest half;
  *half.mutable_site() = PointSite(kLng, kLat);
  half.mutable_window();
  grpc::Status h = stub().CheckDigSite(Ctx().get(), half, &resp);
  EXPECT_THAT(h, IsInvalidFields(std::vector<std::string>{"window.start_time",
                                                          "window.end_time"}));
  // Over HTTP: 400 with a google.rpc.Status naming the field.
  HttpResult r = Fetch(server().http_port(), "POST", "/v1/digsite:check",
                       {{"content-type", "application/json"}},
                       R"({"site":{"type":"Point","coordinates":[120.3,22.6]},)"
                       R"("window":{"startTime":"2026-03-10T00:00:00Z",)"
                       R"("endTime":"2026-03-09T00:00:00Z"}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("window.end_time"));
}

// The permits and road works among the conflicts are exactly those the
// lists return for the same circle and window.
TEST_F(DigSiteTest, AgreesWithListPermitsAndListRoadWorks) {
  std::mt19937 rng(20261201);
  std::uniform_real_distribution<double> metres(-120, 120);
  std::uniform_int_distribution<int> day(1, 27), len(1, 20), pick(0, 9);
  const char* statuses[] = {"applied",    "approved",  "in_progress",
                            "backfilled", "completed", "rejected",
                            "cancelled",  "revoked"};
  const char* work_statuses[] = {"planned", "active", "suspended", "completed",
                                 "cancelled"};
  for (int i = 0; i < 150; ++i) {
    auto [lng, lat] = Offset(metres(rng), metres(rng));
    PermitSpec p;
    p.permit_no = absl::StrCat("R", 1000 + i);
    p.wkt = PointWkt(lng, lat);
    int d = day(rng);
    p.approved =
        absl::StrFormat("[2026-03-%02d %02d:00+08,2026-04-%02d 00:00+08)", d,
                        pick(rng) * 2, day(rng));
    if (pick(rng) < 3) {
      p.approved =
          absl::StrFormat("[2026-03-%02d 00:00+08,2026-03-%02d 00:00+08)", d,
                          d + len(rng) % 4 + 1);
    }
    if (pick(rng) < 2) {
      p.work_start = "22:00";
      p.work_end = "05:00";
    }
    p.status = statuses[pick(rng) % 8];
    p.deleted = pick(rng) == 0;
    AddPermit(p);
    RoadWorkSpec w;
    auto [l2, t2] = Offset(metres(rng), metres(rng));
    w.wkt =
        absl::StrFormat("LINESTRING(%.9f %.9f, %.9f %.9f)", lng, lat, l2, t2);
    w.period = absl::StrFormat("[2026-03-%02d 00:00+08,2026-03-%02d 00:00+08)",
                               d, std::min(31, d + len(rng)));
    if (pick(rng) < 2) {
      w.work_start = "09:00";
      w.work_end = "16:00";
    }
    w.status = work_statuses[pick(rng) % 5];
    w.deleted = pick(rng) == 0;
    InsertRoadWork(db(), w);
  }
  struct Case {
    double radius;
    const char *start, *end;
  };
  for (const Case& c :
       {Case{30, "2026-03-10T00:00:00+08:00", "2026-03-12T00:00:00+08:00"},
        Case{80, "2026-03-05T06:00:00+08:00", "2026-03-05T07:30:00+08:00"},
        Case{150, "2026-03-20T00:00:00+08:00", "2026-04-20T00:00:00+08:00"},
        Case{0, "2026-03-01T00:00:00+08:00", "2026-03-28T00:00:00+08:00"}}) {
    CheckDigSiteRequest req = Request(PointSite(kLng, kLat), c.start, c.end);
    req.set_buffer_m(c.radius);
    req.set_geometry_format(pwis::v1::GEOMETRY_FORMAT_NONE);
    CheckDigSiteResponse r = Check(req);
    std::set<std::string> checked_permits, checked_works;
    for (const auto& x : r.conflicts()) {
      if (x.kind() == pwis::v1::CONFLICT_KIND_PERMIT) {
        checked_permits.insert(x.reference());
      }
      if (x.kind() == pwis::v1::CONFLICT_KIND_ROAD_WORK) {
        checked_works.insert(absl::StrCat(x.id()));
      }
    }
    std::set<std::string> listed_permits, listed_works;
    pwis::v1::ListPermitsRequest lp;
    lp.set_lng(kLng);
    lp.set_lat(kLat);
    lp.set_radius_m(c.radius == 0 ? 0.0001 : c.radius);
    *lp.mutable_window_start() = Ts(c.start);
    *lp.mutable_window_end() = Ts(c.end);
    lp.set_page_size(1000);
    pwis::v1::ListPermitsResponse lpr;
    ASSERT_TRUE(stub().ListPermits(Ctx().get(), lp, &lpr).ok());
    for (const auto& p : lpr.permits()) listed_permits.insert(p.permit_no());
    pwis::v1::ListRoadWorksRequest lw;
    lw.set_lng(kLng);
    lw.set_lat(kLat);
    lw.set_radius_m(c.radius == 0 ? 0.0001 : c.radius);
    *lw.mutable_window_start() = Ts(c.start);
    *lw.mutable_window_end() = Ts(c.end);
    lw.set_page_size(1000);
    pwis::v1::ListRoadWorksResponse lwr;
    ASSERT_TRUE(server().roadworks().ListRoadWorks(Ctx().get(), lw, &lwr).ok());
    for (const auto& w : lwr.road_works())
      listed_works.insert(absl::StrCat(w.id()));
    EXPECT_EQ(checked_permits, listed_permits) << c.radius << " " << c.start;
    EXPECT_EQ(checked_works, listed_works) << c.radius << " " << c.start;
    if (c.radius >= 80) {
      EXPECT_GT(listed_permits.size(), 3u) << "the case selects too little";
      EXPECT_GT(listed_works.size(), 3u) << "the case selects too little";
    }
  }
}

TEST_F(DigSiteTest, JointDigSuggestsPermitsOnTheSameRoadNearInTime) {
  auto [n_lng, n_lat] = Offset(200, 0);
  PermitSpec near_later;
  near_later.permit_no = "J-LATER";
  near_later.wkt = PointWkt(n_lng, n_lat);
  near_later.approved = "[2026-03-20 00:00+08,2026-03-25 00:00+08)";
  AddPermit(near_later);
  PermitSpec other_road = near_later;
  other_road.permit_no = "J-OTHER-ROAD";
  other_road.road_names = {"五福三路"};
  AddPermit(other_road);
  PermitSpec too_late = near_later;
  too_late.permit_no = "J-TOO-LATE";
  too_late.approved = "[2026-04-20 00:00+08,2026-04-25 00:00+08)";
  AddPermit(too_late);
  auto [f_lng, f_lat] = Offset(1500, 0);
  PermitSpec too_far = near_later;
  too_far.permit_no = "J-TOO-FAR";
  too_far.wkt = PointWkt(f_lng, f_lat);
  AddPermit(too_far);
  PermitSpec done = near_later;
  done.permit_no = "J-DONE";
  done.status = "completed";
  AddPermit(done);
  PermitSpec here;
  here.permit_no = "HERE";  // A conflict, not also a suggestion.
  AddPermit(here);

  CheckDigSiteResponse r = Check(Request(PointSite(kLng, kLat)));
  std::vector<std::string> joint;
  for (const auto& j : r.joint_dig_suggestions())
    joint.push_back(j.permit_no());
  EXPECT_THAT(joint, ElementsAre("J-LATER"));
  ASSERT_EQ(r.joint_dig_suggestions_size(), 1);
  EXPECT_EQ(r.joint_dig_suggestions(0).days_apart(), 7);  // 13th → 20th.
  EXPECT_NEAR(r.joint_dig_suggestions(0).distance_m(), 200, 0.01);
  EXPECT_EQ(r.joint_dig_suggestions(0).agency().code(), "TPC-KH");
  EXPECT_THAT(r.roads(), ElementsAre("中山一路"));  // From HERE.
  EXPECT_THAT(References(r, pwis::v1::CONFLICT_KIND_PERMIT),
              ElementsAre("HERE"));
  // Roads named by the caller replace those found at the site.
  CheckDigSiteRequest named = Request(PointSite(kLng, kLat));
  named.add_road_names("五福三路");
  CheckDigSiteResponse n = Check(named);
  ASSERT_EQ(n.joint_dig_suggestions_size(), 1);
  EXPECT_EQ(n.joint_dig_suggestions(0).permit_no(), "J-OTHER-ROAD");
  EXPECT_THAT(n.roads(), ElementsAre("五福三路"));
}

// A feed that gives a district and an address, no coordinates: such a
// permit on the dig's road in its district in the window may be at the
// site, so the site is not clear.
TEST_F(DigSiteTest, PermitsWithoutCoordinatesOnTheRoadMayBeAtTheSite) {
  const std::string district =
      db().QueryValue("SELECT code FROM districts WHERE name_zh = '前金區'");
  PermitSpec here;
  here.permit_no = "";
  here.unplaced = true;
  here.district_code = district;
  here.location = "前金區中山一路與五福三路口";
  here.road_names = {"中山一路", "五福三路"};
  AddPermit(here);
  PermitSpec other_road = here;
  other_road.road_names = {"七賢二路"};
  other_road.location = "前金區七賢二路";
  AddPermit(other_road);
  PermitSpec other_district = here;
  other_district.district_code =
      db().QueryValue("SELECT code FROM districts WHERE name_zh = '鳳山區'");
  AddPermit(other_district);
  PermitSpec later = here;
  later.approved = "[2026-04-01 00:00+08,2026-04-05 00:00+08)";
  AddPermit(later);
  PermitSpec cancelled = here;
  cancelled.status = "cancelled";
  AddPermit(cancelled);

  CheckDigSiteRequest req = Request(PointSite(kLng, kLat));
  req.add_road_names("中山一路");
  CheckDigSiteResponse r = Check(req);
  EXPECT_THAT(r.conflicts(), IsEmpty());
  EXPECT_EQ(r.verdict(), pwis::v1::DIG_VERDICT_CONFLICTS);
  ASSERT_EQ(r.unplaced_permits_size(), 1);
  const auto& u = r.unplaced_permits(0);
  EXPECT_EQ(u.location(), "前金區中山一路與五福三路口");
  EXPECT_EQ(u.district_code(), district);
  EXPECT_EQ(u.agency().code(), "TPC-KH");
  EXPECT_EQ(u.agency().public_phone(), "07-1911");
  EXPECT_EQ(u.status_label().en(), "Approved");
  EXPECT_THAT(u.road_names(), ElementsAre("中山一路", "五福三路"));
  std::string reasons;
  for (const auto& reason : r.reasons()) reasons += reason.en() + "\n";
  EXPECT_THAT(reasons, HasSubstr("1 permit on these roads in this district"));
  EXPECT_THAT(reasons, Not(HasSubstr("No permit, road work")));
  // Another road: nothing rules the site out but nothing is on it either.
  CheckDigSiteRequest elsewhere = Request(PointSite(kLng, kLat));
  elsewhere.add_road_names("成功一路");
  CheckDigSiteResponse e = Check(elsewhere);
  EXPECT_EQ(e.unplaced_permits_size(), 0);
  EXPECT_EQ(e.verdict(), pwis::v1::DIG_VERDICT_CLEAR);
  // The contractor's phone is in no answer.
  EXPECT_THAT(r.DebugString(), Not(HasSubstr(kContractorPhone)));

  // A road named only in the location text (a section of it), and a
  // permit whose feed gave no road at all: neither is ruled out.
  PermitSpec section = here;
  section.road_names = {};
  section.location = "前金區成功一路二段12號";
  AddPermit(section);
  CheckDigSiteResponse s = Check(elsewhere);
  ASSERT_EQ(s.unplaced_permits_size(), 1);
  EXPECT_EQ(s.unplaced_permits(0).location(), "前金區成功一路二段12號");
  EXPECT_EQ(s.verdict(), pwis::v1::DIG_VERDICT_CONFLICTS);
  PermitSpec roadless = here;
  roadless.road_names = {};
  roadless.location = "前金區某處";
  AddPermit(roadless);
  EXPECT_EQ(Check(elsewhere).unplaced_permits_size(), 2);
  // No road given and none recorded at the site: any in the district.
  EXPECT_EQ(Check(Request(PointSite(kLng, kLat))).unplaced_permits_size(), 4);
}

TEST_F(DigSiteTest, ListsNoDigZonesAndUtilityNetworks) {
  auto [x1, y1] = Offset(-50, -5);
  auto [x2, y2] = Offset(50, 5);
  NoDigZoneSpec z;
  z.wkt = absl::StrFormat("LINESTRING(%.9f %.9f, %.9f %.9f)", x1, y1, x2, y2);
  InsertNoDigZone(db(), z);
  NoDigZoneSpec event = z;
  event.zone_no = "ND-EVENT";
  event.reason = "event";
  event.period = "[2026-03-10 00:00+08,2026-03-11 00:00+08)";
  InsertNoDigZone(db(), event);
  pwis::v1::ListNoDigZonesRequest l;
  l.set_date("2026-03-10");
  pwis::v1::ListNoDigZonesResponse lr;
  ASSERT_TRUE(stub().ListNoDigZones(Ctx().get(), l, &lr).ok());
  EXPECT_EQ(lr.no_dig_zones_size(), 2);
  l.add_reason(pwis::v1::NO_DIG_REASON_EVENT);
  lr.Clear();
  ASSERT_TRUE(stub().ListNoDigZones(Ctx().get(), l, &lr).ok());
  ASSERT_EQ(lr.no_dig_zones_size(), 1);
  EXPECT_EQ(lr.no_dig_zones(0).zone_no(), "ND-EVENT");
  EXPECT_EQ(lr.no_dig_zones(0).reason_label().zh_tw(), "活動使用道路");
  EXPECT_FALSE(lr.no_dig_zones(0).district().name().zh_tw().empty());
  HttpResult g = Fetch(server().http_port(), "GET",
                       "/v1/nodigzones:geojson?date=2026-03-12");
  ASSERT_EQ(g.status, 200) << g.body;
  google::protobuf::Struct doc = ParseJson(g.body);
  EXPECT_EQ(JsonSize(doc, "features"), 1);
  EXPECT_EQ(JsonAt(doc, "features[0].properties.reason")->string_value(),
            "resurfaced");

  NetworkSpec n;
  n.agency_id = water_;
  n.wkt = z.wkt;
  InsertNetwork(db(), n);
  n.agency_id = power_;
  InsertNetwork(db(), n);
  pwis::v1::ListUtilityNetworksRequest u;
  u.add_pipeline_type(pwis::v1::PIPELINE_TYPE_WATER);
  pwis::v1::ListUtilityNetworksResponse ur;
  ASSERT_TRUE(stub().ListUtilityNetworks(Ctx().get(), u, &ur).ok());
  ASSERT_EQ(ur.utility_networks_size(), 1);
  EXPECT_EQ(ur.utility_networks(0).agency().code(), "TWC-7");
  EXPECT_EQ(ur.utility_networks(0).dig_notice_phone(), "07-7613222");
  EXPECT_EQ(ur.utility_networks(0).kind(), pwis::v1::NETWORK_KIND_CENTRE_LINE);
  // Paging by id.
  pwis::v1::ListUtilityNetworksRequest all;
  all.set_page_size(1);
  ur.Clear();
  ASSERT_TRUE(stub().ListUtilityNetworks(Ctx().get(), all, &ur).ok());
  ASSERT_EQ(ur.utility_networks_size(), 1);
  ASSERT_FALSE(ur.next_page_token().empty());
  all.set_page_token(ur.next_page_token());
  pwis::v1::ListUtilityNetworksResponse second;
  ASSERT_TRUE(stub().ListUtilityNetworks(Ctx().get(), all, &second).ok());
  ASSERT_EQ(second.utility_networks_size(), 1);
  EXPECT_GT(second.utility_networks(0).id(), ur.utility_networks(0).id());
  EXPECT_TRUE(second.next_page_token().empty());
}

}  // namespace
}  // namespace pwis::testing
