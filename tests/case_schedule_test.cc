// The processing clock of a case: working days, stops for corrections,
// decisions.
#include "services/licenses/case_schedule.h"

#include <gtest/gtest.h>

namespace pwis::licenses {
namespace {

using E = ClockEvent;
const absl::CivilDay kMon(2025, 1, 6);

TEST(CaseScheduleTest, CountsWorkingDaysFromTheDayAfter) {
  // 10 working days from Mon 6 Jan: 7-10, 13-17, 20.
  CaseSchedule s = Schedule(kMon, 10, {}, absl::CivilDay(2025, 1, 10));
  EXPECT_EQ(s.working_days_used, 4);
  ASSERT_TRUE(s.expected);
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 20));
  EXPECT_FALSE(s.overdue);
  s = Schedule(kMon, 10, {}, absl::CivilDay(2025, 1, 21));
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.working_days_used, 11);
  // Received on a Friday: the weekend does not count.
  s = Schedule(absl::CivilDay(2025, 1, 10), 1, {}, absl::CivilDay(2025, 1, 10));
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 13));
}

TEST(CaseScheduleTest, ACorrectionStopsTheClock) {
  std::vector<E> stopped = {{absl::CivilDay(2025, 1, 8), E::kStop}};
  CaseSchedule s = Schedule(kMon, 10, stopped, absl::CivilDay(2025, 3, 1));
  EXPECT_EQ(s.working_days_used, 1);  // the 7th only
  EXPECT_FALSE(s.expected);
  EXPECT_FALSE(s.overdue);
  std::vector<E> resumed = stopped;
  resumed.push_back({absl::CivilDay(2025, 1, 13), E::kResume});
  s = Schedule(kMon, 10, resumed, absl::CivilDay(2025, 1, 14));
  EXPECT_EQ(s.working_days_used, 3);  // 7, 13, 14
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 23));
  // Two corrections.
  resumed.push_back({absl::CivilDay(2025, 1, 15), E::kStop});
  resumed.push_back({absl::CivilDay(2025, 1, 20), E::kResume});
  s = Schedule(kMon, 10, resumed, absl::CivilDay(2025, 1, 20));
  EXPECT_EQ(s.working_days_used, 4);  // 7, 13, 14, 20
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 28));
}

TEST(CaseScheduleTest, ADecisionStopsCounting) {
  std::vector<E> e = {{absl::CivilDay(2025, 1, 9), E::kDecided},
                      {absl::CivilDay(2025, 1, 12), E::kOther}};
  CaseSchedule s = Schedule(kMon, 10, e, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(s.working_days_used, 3);
  EXPECT_FALSE(s.overdue);
  // A decision after the due date is late, not overdue any more.
  e = {{absl::CivilDay(2025, 2, 3), E::kDecided}};
  s = Schedule(kMon, 10, e, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(s.working_days_used, 20);
  EXPECT_FALSE(s.overdue);
}

TEST(CaseScheduleTest, TheOfficeCalendarDecidesTheWorkingDays) {
  // 2025 known: Tue 7 and Wed 8 Jan closed (typhoon days), Sat 11 Jan
  // worked.
  store::OfficeCalendar calendar;
  calendar.known_years = {2025};
  calendar.exceptions = {{absl::CivilDay(2025, 1, 7), true},
                         {absl::CivilDay(2025, 1, 8), true},
                         {absl::CivilDay(2025, 1, 11), false}};
  CaseSchedule s = Schedule(kMon, 5, {}, absl::CivilDay(2025, 1, 12), calendar);
  EXPECT_EQ(s.working_days_used, 3);  // 9, 10, 11
  ASSERT_TRUE(s.expected);
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 14));  // then 13, 14
  EXPECT_FALSE(s.provisional);
  // Without a calendar for the year, Monday to Friday, and said so.
  s = Schedule(kMon, 5, {}, absl::CivilDay(2025, 1, 12));
  EXPECT_EQ(*s.expected, absl::CivilDay(2025, 1, 13));
  EXPECT_EQ(s.working_days_used, 4);
  EXPECT_TRUE(s.provisional);
  // Known this year, but the period runs into the next.
  s = Schedule(absl::CivilDay(2025, 12, 22), 10, {},
               absl::CivilDay(2025, 12, 22), calendar);
  EXPECT_EQ(*s.expected, absl::CivilDay(2026, 1, 5));
  EXPECT_TRUE(s.provisional);
  s = Schedule(absl::CivilDay(2025, 12, 1), 10, {}, absl::CivilDay(2025, 12, 1),
               calendar);
  EXPECT_FALSE(s.provisional);
}

}  // namespace
}  // namespace pwis::licenses
