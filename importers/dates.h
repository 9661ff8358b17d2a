// Dates as Taiwan's feeds write them: ROC (民國) or Gregorian years, with
// '/', '-' or '.', compact digits, 年月日, optional times, and a period
// packed into one field. Every time is local to Asia/Taipei.
#ifndef PWIS_IMPORTERS_DATES_H_
#define PWIS_IMPORTERS_DATES_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace pwis::importers {

// A date, or a date with a time of day, on Taipei's clock unless the text
// gave its UTC offset.
struct FeedTime {
  absl::CivilSecond local;
  bool has_time = false;
  std::optional<int> utc_offset_seconds;  // "Z", "+08:00", GPKG's "+00"

  bool operator==(const FeedTime& o) const {
    return local == o.local && has_time == o.has_time &&
           utc_offset_seconds == o.utc_offset_seconds;
  }
};

// Reads one date or date-time. Accepted (full-width digits too):
//   ROC      115/08/10  115-8-10  115.08.10  1150810  民國115年8月10日
//            113/06/17 09:03:08  1130617135759 (yyymmddHHMMSS)  11306171357
//   Gregorian 2026/08/11  2026-08-11  20260811  2026-08-11T09:03  2026年8月11日
//   with an offset  2026-08-11T09:03:00+08:00  2026-08-11T01:03:00Z
//                   2026/08/11 01:03:00.000+00 (a fraction of a second is
//                   dropped)
// A year of one to three digits is ROC (year + 1911); four digits are
// Gregorian; one or two digits only after 民國 (26/08/11 could be 1937,
// 2026 or a day first). Six-digit compact dates (yymmdd) are refused as
// ambiguous, as
// are impossible dates (115/02/30, 25:00) and years outside 1912–2200.
// Errors are INVALID_ARGUMENT with the reason.
absl::StatusOr<FeedTime> ParseFeedTime(absl::string_view text);

// A month as monthly reports write it: ROC 113/05, 113-5, 11305, 113年5月,
// 民國113年5月份; Gregorian 2024/05, 2024-05, 202405, 2024年5月; a whole
// date (any form ParseFeedTime reads) gives its month. The year rules are
// ParseFeedTime's.
absl::StatusOr<absl::CivilMonth> ParseFeedMonth(absl::string_view text);

// A period in one field: "START~END" ('~', '～', '至' or '-' between),
// or one date (then `end` is empty).
struct FeedPeriod {
  FeedTime start;
  std::optional<FeedTime> end;
};
// Refuses an end before the start.
absl::StatusOr<FeedPeriod> ParseFeedPeriod(absl::string_view text);

// The instant a period starts: the time given, or the day's first moment.
absl::Time StartInstant(const FeedTime& t);
// The instant a period ends (exclusive): the time given, or, for a date
// alone, the end of that day (feeds write the last day of work).
absl::Time EndInstant(const FeedTime& t);

// Asia/Taipei (UTC+8 since 1979, no daylight saving since then; the zone
// database when present, otherwise that fixed offset).
const absl::TimeZone& TaipeiZone();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_DATES_H_
