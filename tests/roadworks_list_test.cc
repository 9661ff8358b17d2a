// ListRoadWorks filters, their combinations and ordering, through a real
// gRPC channel against PostGIS with the real district boundaries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gis/store/roadworks_store.h"
#include "tests/support/db_fixture.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListRoadWorksRequest;
using pwis::v1::ListRoadWorksResponse;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Short streets near real landmarks.
constexpr char kCityHall[] =
    "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";  // 苓雅區
constexpr char kFengshanStation[] =
    "LINESTRING(120.3570 22.6310, 120.3585 22.6310)";  // 鳳山區
constexpr char kHsr[] =
    "LINESTRING(120.3065 22.6874, 120.3080 22.6874)";  // 左營區
constexpr char kMainStation[] =
    "POLYGON((120.3020 22.6390, 120.3030 22.6390, 120.3030 22.6400, "
    "120.3020 22.6400, 120.3020 22.6390))";  // 三民區

class RoadWorksListTest : public DatabaseTest {
 protected:
  void SetUp() override { Truncate("road_works"); }

  // Lists with `r` (at 2026-03-10 10:00 Taipei unless it sets a time) and
  // returns the ids of one page; fails the test on error.
  std::vector<int64_t> Ids(ListRoadWorksRequest r, bool default_time = false) {
    if (!default_time && !r.has_at() && !r.has_window_start() &&
        !r.has_window_end() && r.date().empty() && !r.any_time() &&
        !r.has_updated_since()) {
      *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
    }
    ListRoadWorksResponse resp;
    grpc::Status s = server().roadworks().ListRoadWorks(Ctx().get(), r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    std::vector<int64_t> ids;
    for (const auto& w : resp.road_works()) ids.push_back(w.id());
    return ids;
  }

  int64_t Add(const std::string& wkt,
              std::vector<std::string> roads = {"中山一路"}) {
    RoadWorkSpec s;
    s.wkt = wkt;
    s.road_names = std::move(roads);
    return InsertRoadWork(db(), s);
  }
};

TEST_F(RoadWorksListTest, Bbox_ReturnsOnlyWorksIntersectingIt) {
  int64_t a = Add(kCityHall);
  int64_t b = Add(kFengshanStation);
  ListRoadWorksRequest r;
  r.set_bbox("120.314,22.620,120.316,22.622");
  EXPECT_THAT(Ids(r), ElementsAre(a));
  r.set_bbox("120.2,22.5,120.4,22.7");
  EXPECT_THAT(Ids(r), UnorderedElementsAre(a, b));
  r.set_bbox("120.0,22.0,120.1,22.1");
  EXPECT_THAT(Ids(r), IsEmpty());
}

TEST_F(RoadWorksListTest, Bbox_TouchingPolygonEdgeCounts) {
  int64_t d = Add(kMainStation);
  ListRoadWorksRequest r;
  r.set_bbox("120.3030,22.6395,120.3040,22.6396");
  EXPECT_THAT(Ids(r), ElementsAre(d));
}

TEST_F(RoadWorksListTest, Circle_UsesMetresAndIsInclusiveAtTheRadius) {
  int64_t a = Add(kCityHall);
  int64_t b = Add(kFengshanStation);
  int64_t d = Add(kMainStation);
  ListRoadWorksRequest r;
  r.set_lng(120.3157);
  r.set_lat(22.6213);
  r.set_radius_m(200);
  EXPECT_THAT(Ids(r), ElementsAre(a));
  r.set_radius_m(3000);
  EXPECT_THAT(Ids(r), UnorderedElementsAre(a, d));
  r.set_radius_m(5000);
  EXPECT_THAT(Ids(r), UnorderedElementsAre(a, b, d));

  // The exact metric distance to the station polygon, from TWD97 TM2.
  double dist = std::stod(db().QueryValue(
      absl::StrCat("SELECT ST_Distance(geom_tm2, ST_Transform(ST_SetSRID("
                   "ST_MakePoint(120.3157, 22.6213), 4326), 3826)) FROM "
                   "road_works WHERE id = ",
                   d)));
  EXPECT_GT(dist, 2000);
  EXPECT_LT(dist, 3000);
  r.set_radius_m(dist - 0.5);
  EXPECT_THAT(Ids(r), ElementsAre(a));
  r.set_radius_m(dist + 0.5);
  EXPECT_THAT(Ids(r), UnorderedElementsAre(a, d));
}

TEST_F(RoadWorksListTest, District_ByCodeChineseNameOrEnglishName) {
  int64_t a = Add(kCityHall);
  Add(kFengshanStation);
  std::string code =
      db().QueryValue("SELECT code FROM districts WHERE name_zh = '苓雅區'");
  ASSERT_FALSE(code.empty());
  for (const std::string& key :
       {code, std::string("苓雅區"), std::string("苓雅"),
        std::string("Lingya District"), std::string("lingya")}) {
    ListRoadWorksRequest r;
    r.set_district(key);
    EXPECT_THAT(Ids(r), ElementsAre(a)) << key;
  }
}

TEST_F(RoadWorksListTest, Road_MatchesChineseSubstringOfAnyRoadName) {
  int64_t a = Add(kCityHall, {"四維三路"});
  int64_t d = Add(kMainStation, {"建國二路", "中山一路"});
  ListRoadWorksRequest r;
  r.set_road("四維");
  EXPECT_THAT(Ids(r), ElementsAre(a));
  r.set_road("中山一路");
  EXPECT_THAT(Ids(r), ElementsAre(d));
  r.set_road("路");
  EXPECT_THAT(Ids(r), UnorderedElementsAre(a, d));
  // LIKE wildcards are taken literally.
  r.set_road("%");
  EXPECT_THAT(Ids(r), IsEmpty());
  r.set_road("四_三路");
  EXPECT_THAT(Ids(r), IsEmpty());
}

TEST_F(RoadWorksListTest, Status_DefaultsToAllButCancelled) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  s.status = "active";
  int64_t active = InsertRoadWork(db(), s);
  s.status = "suspended";
  int64_t suspended = InsertRoadWork(db(), s);
  s.status = "cancelled";
  int64_t cancelled = InsertRoadWork(db(), s);
  ListRoadWorksRequest r;
  EXPECT_THAT(Ids(r), UnorderedElementsAre(active, suspended));
  r.add_status(pwis::v1::ROAD_WORK_STATUS_CANCELLED);
  EXPECT_THAT(Ids(r), ElementsAre(cancelled));
  r.add_status(pwis::v1::ROAD_WORK_STATUS_ACTIVE);
  EXPECT_THAT(Ids(r), UnorderedElementsAre(active, cancelled));
}

TEST_F(RoadWorksListTest, AllFiltersCombine) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  s.road_names = {"四維三路"};
  int64_t match = InsertRoadWork(db(), s);
  s.road_names = {"自強三路"};  // Other road.
  InsertRoadWork(db(), s);
  s.road_names = {"四維三路"};
  s.status = "suspended";  // Other status.
  InsertRoadWork(db(), s);
  s.status = "active";
  s.period = "[2026-05-01 00:00+08,2026-06-01 00:00+08)";  // Other time.
  InsertRoadWork(db(), s);
  s.period = "[2026-03-01 00:00+08,2026-04-01 00:00+08)";
  s.wkt = "LINESTRING(120.3190 22.6213, 120.3195 22.6213)";  // Outside bbox.
  InsertRoadWork(db(), s);
  RoadWorkSpec other;  // Other district.
  other.wkt = kMainStation;
  other.road_names = {"四維三路"};
  InsertRoadWork(db(), other);

  ListRoadWorksRequest r;
  r.set_bbox("120.30,22.60,120.317,22.65");
  r.set_lng(120.3157);
  r.set_lat(22.6213);
  r.set_radius_m(1500);
  r.set_district("苓雅區");
  r.set_road("四維");
  r.add_status(pwis::v1::ROAD_WORK_STATUS_ACTIVE);
  EXPECT_THAT(Ids(r), ElementsAre(match));
}

TEST_F(RoadWorksListTest, OrderedByStartThenId) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  s.period = "[2026-03-05 00:00+08,2026-04-01 00:00+08)";
  int64_t late = InsertRoadWork(db(), s);
  s.period = "[2026-02-01 00:00+08,2026-04-01 00:00+08)";
  int64_t early1 = InsertRoadWork(db(), s);
  int64_t early2 = InsertRoadWork(db(), s);
  s.period = "[2026-03-01 00:00+08,2026-04-01 00:00+08)";
  int64_t mid = InsertRoadWork(db(), s);
  EXPECT_THAT(Ids(ListRoadWorksRequest()),
              ElementsAre(early1, early2, mid, late));
}

TEST_F(RoadWorksListTest, DeletedWorksNeverListedOutsideChangeFeeds) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  int64_t kept = InsertRoadWork(db(), s);
  s.deleted = true;
  InsertRoadWork(db(), s);
  EXPECT_THAT(Ids(ListRoadWorksRequest()), ElementsAre(kept));
  ListRoadWorksRequest all;
  all.set_any_time(true);
  EXPECT_THAT(Ids(all), ElementsAre(kept));
}

TEST_F(RoadWorksListTest, UpdatedSince_IsAChangeFeedIncludingDeletions) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  s.period = "[2020-01-01 00:00+08,2020-02-01 00:00+08)";  // Long past.
  int64_t old = InsertRoadWork(db(), s);
  int64_t changed = InsertRoadWork(db(), s);
  s.deleted = true;
  int64_t removed = InsertRoadWork(db(), s);
  // The trigger sets updated_at on every update; set it back for `old` only.
  db().Exec(absl::StrCat(
      "ALTER TABLE road_works DISABLE TRIGGER road_works_touch;"
      "UPDATE road_works SET updated_at = '2026-01-01 00:00+08' WHERE id = ",
      old,
      ";"
      "UPDATE road_works SET updated_at = '2026-02-01 00:00+08' WHERE id IN (",
      changed, ",", removed,
      ");"
      "ALTER TABLE road_works ENABLE TRIGGER road_works_touch;"));

  ListRoadWorksRequest r;
  *r.mutable_updated_since() = Ts("2026-01-15T00:00:00+08:00");
  ListRoadWorksResponse resp;
  ASSERT_TRUE(server().roadworks().ListRoadWorks(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.road_works_size(), 2);
  EXPECT_EQ(resp.road_works(0).id(), changed);
  EXPECT_FALSE(resp.road_works(0).has_delete_time());
  EXPECT_EQ(resp.road_works(1).id(), removed);
  EXPECT_TRUE(resp.road_works(1).has_delete_time());

  // Combined with a time filter, the feed keeps that filter.
  *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
  EXPECT_THAT(Ids(r), IsEmpty());
}

TEST_F(RoadWorksListTest, UpdatedAtFollowsEveryChange) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  int64_t id = InsertRoadWork(db(), s);
  db().Exec(absl::StrCat(
      "UPDATE road_works SET updated_at = '2000-01-01' WHERE id = ", id));
  // The trigger overrides even an explicit value: updated_at is server-owned.
  EXPECT_EQ(
      db().QueryValue(absl::StrCat("SELECT updated_at > now() - interval '1 "
                                   "minute' FROM road_works WHERE id = ",
                                   id)),
      "t");
}

TEST_F(RoadWorksListTest, ResponseCarriesEveryField) {
  RoadWorkSpec s;
  s.wkt = kCityHall;
  s.title = "四維三路道路刨鋪工程";
  s.road_names = {"四維三路", "政南街"};
  s.work_start = "09:00";
  s.work_end = "16:00";
  int64_t id = InsertRoadWork(db(), s);
  // The columns Insert leaves at their defaults, set to telling values.
  db().Exec(absl::StrCat(
      "UPDATE road_works SET permit_number = '高市工管字第1150001號', "
      "description = '人孔下地', source_key = 'feed-42', "
      "created_at = '2026-02-01 08:00+08' WHERE id = ",
      id));
  pwis::v1::GetRoadWorkRequest g;
  g.set_id(id);
  pwis::v1::RoadWork w;
  ASSERT_TRUE(server().roadworks().GetRoadWork(Ctx().get(), g, &w).ok());
  EXPECT_EQ(w.id(), id);
  EXPECT_EQ(w.permit_number(), "高市工管字第1150001號");
  EXPECT_EQ(w.description(), "人孔下地");
  EXPECT_EQ(w.source_key(), "feed-42");
  EXPECT_EQ(w.create_time().seconds(),
            Ts("2026-02-01T08:00:00+08:00").seconds());
  EXPECT_FALSE(w.has_delete_time());
  EXPECT_EQ(w.title(), "四維三路道路刨鋪工程");
  EXPECT_THAT(
      std::vector<std::string>(w.road_names().begin(), w.road_names().end()),
      ElementsAre("四維三路", "政南街"));
  EXPECT_EQ(w.district().name().zh_tw(), "苓雅區");
  EXPECT_EQ(w.district().name().en(), "Lingya District");
  EXPECT_EQ(w.period().start_time().seconds(),
            Ts("2026-03-01T00:00:00+08:00").seconds());
  EXPECT_EQ(w.period().end_time().seconds(),
            Ts("2026-04-01T00:00:00+08:00").seconds());
  EXPECT_EQ(w.working_hours().start(), "09:00");
  EXPECT_EQ(w.working_hours().end(), "16:00");
  EXPECT_EQ(w.status(), pwis::v1::ROAD_WORK_STATUS_ACTIVE);
  EXPECT_EQ(w.status_label().zh_tw(), "施工中");
  EXPECT_EQ(w.status_label().en(), "In progress");
  EXPECT_EQ(w.traffic_impact().lanes_closed(), 1);
  EXPECT_EQ(w.traffic_impact().lanes_total(), 4);
  EXPECT_EQ(w.organiser(), "高雄市政府工務局");
  EXPECT_EQ(w.contractor(), "測試營造有限公司");
  EXPECT_EQ(w.contact_phone(), "07-1234567");
  EXPECT_EQ(w.source(), "test");
  EXPECT_GT(w.update_time().seconds(), 0);
  const auto& geo = w.geometry().fields();
  EXPECT_EQ(geo.at("type").string_value(), "LineString");
  const auto& first = geo.at("coordinates").list_value().values(0).list_value();
  EXPECT_DOUBLE_EQ(first.values(0).number_value(),
                   120.3150);  // Longitude first.
  EXPECT_DOUBLE_EQ(first.values(1).number_value(), 22.6213);
}

// One table gives each status its database name and labels: it covers
// every value of the proto enum and of the database enum, both ways.
TEST_F(RoadWorksListTest, EveryStatusHasOneDatabaseNameAndLabels) {
  store::EnumTable table = store::RoadWorkStatuses();
  const auto* e = pwis::v1::RoadWorkStatus_descriptor();
  for (int i = 0; i < e->value_count(); ++i) {
    int v = e->value(i)->number();
    if (v == 0) continue;  // UNSPECIFIED
    const store::EnumEntry* entry = store::ByValue(table, v);
    ASSERT_NE(entry, nullptr) << e->value(i)->name();
    EXPECT_STRNE(entry->zh_tw, "");
    EXPECT_STRNE(entry->en, "");
  }
  std::string names = db().QueryValue(
      "SELECT string_agg(x::text, ',' ORDER BY x) FROM "
      "unnest(enum_range(NULL::road_work_status)) x");
  std::vector<std::string> db_names = absl::StrSplit(names, ',');
  EXPECT_EQ(db_names.size(), table.size());
  for (const std::string& n : db_names) {
    EXPECT_NE(store::ByName(table, n.c_str()), nullptr) << n;
  }
}

TEST_F(RoadWorksListTest, GeometryFormats_WkbAndNone) {
  int64_t id = Add(kMainStation);
  pwis::v1::GetRoadWorkRequest g;
  g.set_id(id);
  g.set_geometry_format(pwis::v1::GEOMETRY_FORMAT_WKB);
  pwis::v1::RoadWork w;
  ASSERT_TRUE(server().roadworks().GetRoadWork(Ctx().get(), g, &w).ok());
  ASSERT_GE(w.geometry_wkb().size(), 9u);
  EXPECT_EQ(w.geometry_wkb()[0], 1);  // Little-endian WKB...
  EXPECT_EQ(w.geometry_wkb()[1], 3);  // ...of a Polygon.
  EXPECT_FALSE(w.has_geometry());

  ListRoadWorksRequest r;
  *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
  r.set_geometry_format(pwis::v1::GEOMETRY_FORMAT_NONE);
  ListRoadWorksResponse resp;
  ASSERT_TRUE(server().roadworks().ListRoadWorks(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.road_works_size(), 1);
  EXPECT_FALSE(resp.road_works(0).has_geometry());
  EXPECT_TRUE(resp.road_works(0).geometry_wkb().empty());
}

TEST_F(RoadWorksListTest, MultiLineStringIsServed) {
  int64_t id =
      Add("MULTILINESTRING((120.3150 22.6213, 120.3165 22.6213),"
          "(120.3157 22.6205, 120.3157 22.6220))");
  ListRoadWorksRequest r;
  r.set_bbox("120.3156,22.6219,120.3158,22.6221");  // Only the second part.
  ListRoadWorksResponse resp;
  *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
  ASSERT_TRUE(server().roadworks().ListRoadWorks(Ctx().get(), r, &resp).ok());
  ASSERT_EQ(resp.road_works_size(), 1);
  EXPECT_EQ(resp.road_works(0).id(), id);
  EXPECT_EQ(resp.road_works(0).geometry().fields().at("type").string_value(),
            "MultiLineString");
}

}  // namespace
}  // namespace pwis::testing
