// Time semantics of ListRoadWorks: half-open periods, daily working hours
// (including overnight slots), windows, Asia/Taipei calendar days and the
// default "in effect now".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/db_fixture.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListRoadWorksRequest;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kStreet[] = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";

class RoadWorksTimeTest : public DatabaseTest {
 protected:
  void SetUp() override { Truncate("road_works"); }

  int64_t Add(const std::string& period, const char* from = nullptr,
              const char* to = nullptr) {
    RoadWorkSpec s;
    s.wkt = kStreet;
    s.period = period;
    if (from != nullptr) {
      s.work_start = from;
      s.work_end = to;
    }
    return InsertRoadWork(db(), s);
  }

  std::vector<int64_t> Ids(const ListRoadWorksRequest& r) {
    pwis::v1::ListRoadWorksResponse resp;
    grpc::Status s = server().roadworks().ListRoadWorks(Ctx().get(), r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<int64_t> ids;
    for (const auto& w : resp.road_works()) ids.push_back(w.id());
    return ids;
  }
  std::vector<int64_t> At(const std::string& t) {
    ListRoadWorksRequest r;
    *r.mutable_at() = Ts(t);
    return Ids(r);
  }
  std::vector<int64_t> Window(const std::string& from, const std::string& to) {
    ListRoadWorksRequest r;
    if (!from.empty()) *r.mutable_window_start() = Ts(from);
    if (!to.empty()) *r.mutable_window_end() = Ts(to);
    return Ids(r);
  }
  std::vector<int64_t> Day(const std::string& date) {
    ListRoadWorksRequest r;
    r.set_date(date);
    return Ids(r);
  }
};

TEST_F(RoadWorksTimeTest, PeriodIsHalfOpen_StartIncludedEndExcluded) {
  int64_t id = Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)");
  EXPECT_THAT(At("2026-02-28T23:59:59+08:00"), IsEmpty());
  EXPECT_THAT(At("2026-03-01T00:00:00+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-31T23:59:59.999+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-04-01T00:00:00+08:00"), IsEmpty());
}

TEST_F(RoadWorksTimeTest, OpenEndedPeriodLastsForever) {
  int64_t id = Add("[2026-03-01 00:00+08,)");
  EXPECT_THAT(At("2099-01-01T00:00:00Z"), ElementsAre(id));
  pwis::v1::GetRoadWorkRequest g;
  g.set_id(id);
  pwis::v1::RoadWork w;
  ASSERT_TRUE(server().roadworks().GetRoadWork(Ctx().get(), g, &w).ok());
  EXPECT_FALSE(w.period().has_end_time());
}

TEST_F(RoadWorksTimeTest, DaytimeWorkingHours_OnlyInEffectWithinThem) {
  int64_t id =
      Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)", "09:00", "16:00");
  EXPECT_THAT(At("2026-03-10T08:59:59+08:00"), IsEmpty());
  EXPECT_THAT(At("2026-03-10T09:00:00+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-10T15:59:59+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-10T16:00:00+08:00"), IsEmpty());
  // Hours are Taipei local time: 02:00 UTC is 10:00 in Taipei.
  EXPECT_THAT(At("2026-03-10T02:00:00Z"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-10T10:00:00Z"), IsEmpty());
}

TEST_F(RoadWorksTimeTest, OvernightWorkingHours_SpanMidnight) {
  int64_t id =
      Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)", "22:00", "06:00");
  EXPECT_THAT(At("2026-03-10T23:00:00+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-11T03:00:00+08:00"), ElementsAre(id));
  EXPECT_THAT(At("2026-03-11T06:00:00+08:00"), IsEmpty());
  EXPECT_THAT(At("2026-03-11T12:00:00+08:00"), IsEmpty());
  EXPECT_THAT(At("2026-03-11T21:59:59+08:00"), IsEmpty());
}

TEST_F(RoadWorksTimeTest, Window_OverlapsPeriodAndHonoursHours) {
  int64_t day =
      Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)", "09:00", "16:00");
  int64_t night =
      Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)", "22:00", "06:00");
  int64_t always = Add("[2026-03-01 00:00+08,2026-04-01 00:00+08)");
  EXPECT_THAT(Window("2026-03-10T11:00:00+08:00", "2026-03-10T12:00:00+08:00"),
              UnorderedElementsAre(day, always));
  // 05:00-05:30 lies in the slot that began at 22:00 the evening before.
  EXPECT_THAT(Window("2026-03-10T05:00:00+08:00", "2026-03-10T05:30:00+08:00"),
              UnorderedElementsAre(night, always));
  // 16:00-22:00: neither slot.
  EXPECT_THAT(Window("2026-03-10T16:00:00+08:00", "2026-03-10T22:00:00+08:00"),
              ElementsAre(always));
  // A window of a day or more always meets a slot.
  EXPECT_THAT(Window("2026-03-10T16:00:00+08:00", "2026-03-11T16:00:00+08:00"),
              UnorderedElementsAre(day, night, always));
  // The window end is exclusive: ending at the period start misses it.
  EXPECT_THAT(Window("2026-02-01T00:00:00+08:00", "2026-03-01T00:00:00+08:00"),
              IsEmpty());
  // Open-ended windows.
  EXPECT_THAT(Window("2026-03-31T12:00:00+08:00", ""),
              UnorderedElementsAre(day, night, always));
  EXPECT_THAT(Window("", "2026-03-01T00:00:01+08:00"),
              UnorderedElementsAre(night, always));
  EXPECT_THAT(Window("2026-04-01T00:00:00+08:00", ""), IsEmpty());
}

TEST_F(RoadWorksTimeTest, Date_IsATaipeiCalendarDay) {
  // Starts 2026-03-31 23:00 UTC, which is already 1 April 07:00 in Taipei.
  int64_t id = Add("[2026-03-31 23:00+00,2026-04-03 00:00+08)");
  EXPECT_THAT(Day("2026-03-31"), IsEmpty());
  EXPECT_THAT(Day("2026-04-01"), ElementsAre(id));
  EXPECT_THAT(Day("2026-04-02"), ElementsAre(id));
  EXPECT_THAT(Day("2026-04-03"), IsEmpty());
}

TEST_F(RoadWorksTimeTest, Date_HonoursWorkingHoursOfThatDay) {
  // Night work only on the night of 10 to 11 March.
  int64_t id =
      Add("[2026-03-10 22:00+08,2026-03-11 06:00+08)", "22:00", "06:00");
  EXPECT_THAT(Day("2026-03-09"), IsEmpty());
  EXPECT_THAT(Day("2026-03-10"), ElementsAre(id));
  EXPECT_THAT(Day("2026-03-11"), ElementsAre(id));
  EXPECT_THAT(Day("2026-03-12"), IsEmpty());
}

TEST_F(RoadWorksTimeTest, DefaultIsInEffectNow) {
  int64_t now = Add("[2020-01-01 00:00+08,2099-01-01 00:00+08)");
  Add("[2020-01-01 00:00+08,2020-02-01 00:00+08)");  // Past.
  Add("[2098-01-01 00:00+08,2099-01-01 00:00+08)");  // Future.
  EXPECT_THAT(Ids(ListRoadWorksRequest()), ElementsAre(now));
}

TEST_F(RoadWorksTimeTest, DefaultNowHonoursWorkingHours) {
  // A slot that excludes the current Taipei hour and one that includes it.
  std::string h = db().QueryValue(
      "SELECT to_char(now() AT TIME ZONE 'Asia/Taipei', 'HH24')");
  int hour = std::stoi(h);
  auto hh = [](int x) {
    char b[8];
    snprintf(b, sizeof b, "%02d:00", (x + 24) % 24);
    return std::string(b);
  };
  // Wide enough that an hour ticking over during the test changes nothing;
  // slots crossing midnight run overnight.
  std::string in_from = hh(hour - 1), in_to = hh(hour + 2);
  std::string out_from = hh(hour + 3), out_to = hh(hour + 5);
  int64_t in = Add("[2020-01-01 00:00+08,2099-01-01 00:00+08)", in_from.c_str(),
                   in_to.c_str());
  Add("[2020-01-01 00:00+08,2099-01-01 00:00+08)", out_from.c_str(),
      out_to.c_str());
  EXPECT_THAT(Ids(ListRoadWorksRequest()), ElementsAre(in));
}

TEST_F(RoadWorksTimeTest, AnyTime_DropsTheTimeCondition) {
  int64_t a = Add("[2020-01-01 00:00+08,2020-02-01 00:00+08)");
  int64_t b = Add("[2098-01-01 00:00+08,2099-01-01 00:00+08)");
  ListRoadWorksRequest r;
  r.set_any_time(true);
  EXPECT_THAT(Ids(r), ElementsAre(a, b));
}

}  // namespace
}  // namespace pwis::testing
