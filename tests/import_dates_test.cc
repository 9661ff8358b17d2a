#include <gtest/gtest.h>

#include <string>

#include "importers/dates.h"

namespace pwis::importers {
namespace {

FeedTime Day(int y, int m, int d) {
  return FeedTime{absl::CivilSecond(y, m, d), false, std::nullopt};
}
FeedTime At(int y, int m, int d, int h, int mi, int s) {
  return FeedTime{absl::CivilSecond(y, m, d, h, mi, s), true, std::nullopt};
}

void ExpectTime(const std::string& text, const FeedTime& want) {
  auto got = ParseFeedTime(text);
  ASSERT_TRUE(got.ok()) << text << ": " << got.status();
  EXPECT_EQ(got->local, want.local) << text;
  EXPECT_EQ(got->has_time, want.has_time) << text;
}

TEST(ParseFeedTime, RocSpellings) {
  for (const char* text :
       {"115/08/10", "115-08-10", "115.08.10", "115/8/10", "1150810",
        "民國115年8月10日", "115年08月10日", "民國 115年8月10日",
        "１１５／０８／１０", " 115/08/10 "}) {
    ExpectTime(text, Day(2026, 8, 10));
  }
  ExpectTime("民國99年12月31日", Day(2010, 12, 31));
  ExpectTime("民國1年1月1日", Day(1912, 1, 1));
}

TEST(ParseFeedTime, GregorianSpellings) {
  for (const char* text :
       {"2026/08/11", "2026-08-11", "2026.8.11", "20260811", "2026年8月11日"}) {
    ExpectTime(text, Day(2026, 8, 11));
  }
}

TEST(ParseFeedTime, WithTimes) {
  ExpectTime("113/06/17 09:03:08", At(2024, 6, 17, 9, 3, 8));
  ExpectTime("113/06/17 9:03", At(2024, 6, 17, 9, 3, 0));
  ExpectTime("1130617135759", At(2024, 6, 17, 13, 57, 59));
  ExpectTime("11306171357", At(2024, 6, 17, 13, 57, 0));
  ExpectTime("2024-06-17T13:57:59", At(2024, 6, 17, 13, 57, 59));
  ExpectTime("20240617135759", At(2024, 6, 17, 13, 57, 59));
  ExpectTime("民國113年6月17日 13時57分", At(2024, 6, 17, 13, 57, 0));
}

TEST(ParseFeedTime, RefusesImpossibleAndAmbiguous) {
  for (const char* text : {"",
                           "  ",
                           "115/02/30",
                           "115/13/01",
                           "115/00/10",
                           "115/08/32",
                           "1150230",
                           "20260230",
                           "113/06/17 25:00",
                           "113/06/17 09:60",
                           "1130617246000",
                           "150810",
                           "115/08",
                           "115/08/10/01",
                           "abc",
                           "2026/08/11x",
                           "民國2026年8月11日",
                           "0/01/01",
                           "1800/01/01",
                           "12345/01/01",
                           "115/008/10",
                           "-115/08/10",
                           "115/08/10 9",
                           "26/08/11",
                           "11/08/26",
                           "99/12/31",
                           "1/1/1"}) {
    auto got = ParseFeedTime(text);
    EXPECT_FALSE(got.ok()) << "\"" << text << "\" gave "
                           << absl::FormatCivilTime(got->local);
    if (!got.ok()) {
      EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
  // Leap days only in leap years.
  ExpectTime("113/02/29", Day(2024, 2, 29));
  EXPECT_FALSE(ParseFeedTime("114/02/29").ok());
}

// Offsets as ISO 8601 and GPKG write them: the instant is exact, not a
// Taipei clock reading.
TEST(ParseFeedTime, UtcOffsetsGiveTheInstant) {
  const absl::Time want = absl::FromCivil(
      absl::CivilSecond(2026, 8, 11, 1, 3, 0), absl::UTCTimeZone());
  for (const char* text :
       {"2026-08-11T09:03:00+08:00", "2026-08-11T09:03:00+0800",
        "2026-08-11T09:03+08", "2026-08-11T01:03:00Z",
        "2026/08/11 01:03:00.000+00", "2026-08-11 01:03:00 +00:00",
        "2026-08-10T22:03:00-03:00", "115/08/11 09:03:00+08:00"}) {
    auto t = ParseFeedTime(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status();
    EXPECT_TRUE(t->utc_offset_seconds.has_value()) << text;
    EXPECT_EQ(StartInstant(*t), want) << text;
    EXPECT_EQ(EndInstant(*t), want) << text;
  }
  // Without an offset a clock is Taipei's.
  auto local = ParseFeedTime("2026-08-11T09:03:00");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(StartInstant(*local), want);
  for (const char* bad : {"2026-08-11T09:03:00+8", "2026-08-11T09:03:00+15:00",
                          "2026-08-11T09:03:00+08:61", "2026-08-11T09:03:00+ab",
                          "2026-08-11T09:03:00.+08",
                          // Daily hours, not an offset of -12:00.
                          "2026-08-11 08:00-12:00", "115/08/10 09:00-10:30"}) {
    EXPECT_FALSE(ParseFeedTime(bad).ok()) << bad;
  }
}

TEST(ParseFeedPeriod, RangesInOneField) {
  for (const char* text :
       {"115/08/10~115/09/07", "115/08/10 ~ 115/09/07", "115/08/10～115/09/07",
        "115/08/10至115/09/07", "1150810-1150907", "115-08-10-115-09-07",
        "115/08/10-115/09/07", "2026/08/10~2026/09/07",
        "115/08/10~2026-09-07"}) {
    auto p = ParseFeedPeriod(text);
    ASSERT_TRUE(p.ok()) << text << ": " << p.status();
    EXPECT_EQ(p->start, Day(2026, 8, 10)) << text;
    ASSERT_TRUE(p->end.has_value()) << text;
    EXPECT_EQ(*p->end, Day(2026, 9, 7)) << text;
  }
  auto single = ParseFeedPeriod("2026/08/11");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->start, Day(2026, 8, 11));
  EXPECT_FALSE(single->end.has_value());
  auto dashed = ParseFeedPeriod("115-08-10");
  ASSERT_TRUE(dashed.ok());
  EXPECT_FALSE(dashed->end.has_value());
}

TEST(ParseFeedPeriod, RefusesBackwardsAndBrokenRanges) {
  for (const char* text :
       {"115/09/07~115/08/10", "115/08/10~", "~115/08/10",
        "115/08/10~115/02/30", "1150907-1150810", "115/08/10~x",
        // Hours of one day are not a period of dates (nor an offset).
        "2026-08-11 08:00-12:00", "115/08/10 13:00-14:00"}) {
    EXPECT_FALSE(ParseFeedPeriod(text).ok()) << text;
  }
  // One day is a period: that day, start to end.
  auto same = ParseFeedPeriod("115/08/10~115/08/10");
  ASSERT_TRUE(same.ok()) << same.status();
}

TEST(Instants, DatesAreTaipeiDaysAndEndsInclusive) {
  const FeedTime start = Day(2026, 8, 10), end = Day(2026, 9, 7);
  EXPECT_EQ(absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", StartInstant(start),
                             absl::UTCTimeZone()),
            "2026-08-09T16:00:00+00:00");
  // The last day written is worked: the period runs to its end.
  EXPECT_EQ(absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", EndInstant(end),
                             absl::UTCTimeZone()),
            "2026-09-07T16:00:00+00:00");
  // A time is taken as written.
  EXPECT_EQ(absl::FormatTime("%H:%M", EndInstant(At(2026, 9, 7, 17, 30, 0)),
                             TaipeiZone()),
            "17:30");
}

TEST(ParseFeedMonth, RocAndGregorianMonths) {
  const std::pair<const char*, absl::CivilMonth> cases[] = {
      {"113/05", absl::CivilMonth(2024, 5)},
      {"113-5", absl::CivilMonth(2024, 5)},
      {"113.05", absl::CivilMonth(2024, 5)},
      {"11305", absl::CivilMonth(2024, 5)},
      {"１１３／０５", absl::CivilMonth(2024, 5)},
      {"113年5月", absl::CivilMonth(2024, 5)},
      {"民國113年5月份", absl::CivilMonth(2024, 5)},
      {"民國99年12月", absl::CivilMonth(2010, 12)},
      {"2024/05", absl::CivilMonth(2024, 5)},
      {"2024-5", absl::CivilMonth(2024, 5)},
      {"202405", absl::CivilMonth(2024, 5)},
      {"2024年5月", absl::CivilMonth(2024, 5)},
      // A day names its month.
      {"113/05/31", absl::CivilMonth(2024, 5)},
      {"2024-05-17", absl::CivilMonth(2024, 5)},
  };
  for (const auto& [text, want] : cases) {
    auto got = ParseFeedMonth(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status();
    EXPECT_EQ(*got, want) << text;
  }
}

TEST(ParseFeedMonth, RefusesWhatIsNotOneMonth) {
  for (const char* bad :
       {"", "113", "113/13", "113/00", "13/05", "2024", "2024/5/40",
        "民國2024年5月", "1130505x", "113/05/06/07", "5月", "113//05",
        "1234567", "99999/1"}) {
    auto got = ParseFeedMonth(bad);
    EXPECT_FALSE(got.ok()) << bad;
    if (!got.ok()) {
      EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace pwis::importers
