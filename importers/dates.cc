#include "importers/dates.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("date \"", text, "\": ", why));
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int Num(absl::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// y is as written: ROC when `roc`, else Gregorian.
absl::StatusOr<FeedTime> Make(absl::string_view text, int y, bool roc, int mo,
                              int d, int h, int mi, int s, bool has_time) {
  const int year = roc ? y + 1911 : y;
  if (roc && (y < 1 || y > 289)) return Bad(text, "ROC year out of range");
  if (year < 1912 || year > 2200) return Bad(text, "year out of range");
  if (mo < 1 || mo > 12) return Bad(text, "no such month");
  const absl::CivilDay day(year, mo, d);
  if (d < 1 || day.month() != mo || day.day() != d) {
    return Bad(text, "no such day");
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    return Bad(text, "no such time of day");
  }
  return FeedTime{absl::CivilSecond(year, mo, d, h, mi, s), has_time,
                  std::nullopt};
}

// "09:03", "09:03:08", "9:03".
bool ParseClock(absl::string_view t, int& h, int& mi, int& s) {
  std::vector<absl::string_view> parts = absl::StrSplit(t, ':');
  if (parts.size() < 2 || parts.size() > 3) return false;
  for (auto p : parts) {
    if (!AllDigits(p) || p.size() > 2) return false;
  }
  h = Num(parts[0]);
  mi = Num(parts[1]);
  s = parts.size() == 3 ? Num(parts[2]) : 0;
  return true;
}

// Takes a UTC offset off the end of a clock: "Z", "+08:00", "+0800",
// "+08" (with or without a space before it), and "-03:30" only in the ISO
// form (`iso`: the clock followed a 'T'), since "08:00-12:00" after a
// space is a range of daily hours, not a clock and an offset. Nothing when
// the clock has none.
absl::StatusOr<std::optional<int>> TakeOffset(absl::string_view& clock,
                                              bool iso) {
  if (!clock.empty() && (clock.back() == 'Z' || clock.back() == 'z')) {
    clock = TrimSpace(clock.substr(0, clock.size() - 1));
    return std::optional<int>(0);
  }
  const size_t sign = clock.find_last_of(iso ? "+-" : "+");
  if (sign == absl::string_view::npos) {
    if (clock.find('-') != absl::string_view::npos) {
      return absl::InvalidArgumentError(
          "a '-' after the clock: a negative UTC offset is written "
          "2026-08-11T09:00-03:00; a range of hours is not a date-time");
    }
    return std::optional<int>();
  }
  std::string digits;
  for (char c : clock.substr(sign + 1)) {
    if (c != ':') digits += c;
  }
  if (!AllDigits(digits) || (digits.size() != 2 && digits.size() != 4)) {
    return absl::InvalidArgumentError("not a UTC offset (+08:00, Z)");
  }
  const int hours = Num(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? Num(digits.substr(2, 2)) : 0;
  if (hours > 14 || minutes > 59) {
    return absl::InvalidArgumentError("not a UTC offset (+08:00, Z)");
  }
  const int seconds = (hours * 60 + minutes) * 60;
  const bool negative = clock[sign] == '-';
  clock = TrimSpace(clock.substr(0, sign));
  return std::optional<int>(negative ? -seconds : seconds);
}

absl::StatusOr<FeedTime> ParseOne(absl::string_view original) {
  std::string s = ToHalfWidth(original);
  absl::string_view v = TrimSpace(s);
  if (v.empty()) return Bad(original, "empty");
  bool roc_said = false;
  std::string work(v);
  if (absl::StartsWith(work, "民國")) {
    roc_said = true;
    work = std::string(TrimSpace(absl::string_view(work).substr(6)));
  }
  // 115年8月10日 [09:03] → 115/8/10 [09:03]; 時/分/秒 as clock separators.
  work = absl::StrReplaceAll(work, {{"年", "/"},
                                    {"月", "/"},
                                    {"日", " "},
                                    {"時", ":"},
                                    {"分", ":"},
                                    {"秒", ""}});
  v = TrimSpace(work);
  if (!v.empty() && v.back() == ':') v.remove_suffix(1);

  if (AllDigits(v)) {
    const size_t n = v.size();
    // ROC: yyymmdd[HHMM[SS]]; Gregorian: yyyymmdd[HHMM[SS]].
    const bool roc = n == 7 || n == 11 || n == 13;
    const bool greg = n == 8 || n == 12 || n == 14;
    if (n == 6) return Bad(original, "six digits (yymmdd) are ambiguous");
    if (!roc && !greg) return Bad(original, "not a date");
    if (greg && roc_said) return Bad(original, "民國 with a four-digit year");
    const size_t yl = roc ? 3 : 4;
    const bool has_time = n > yl + 4;
    const int h = has_time ? Num(v.substr(yl + 4, 2)) : 0;
    const int mi = has_time ? Num(v.substr(yl + 6, 2)) : 0;
    const int sec = n == yl + 10 ? Num(v.substr(yl + 8, 2)) : 0;
    return Make(original, Num(v.substr(0, yl)), roc, Num(v.substr(yl, 2)),
                Num(v.substr(yl + 2, 2)), h, mi, sec, has_time);
  }

  // Date, then an optional clock after a space or 'T'.
  absl::string_view date = v, clock;
  const size_t cut = v.find_first_of(" T");
  if (cut != absl::string_view::npos) {
    date = v.substr(0, cut);
    clock = TrimSpace(v.substr(cut + 1));
  }
  char sep = 0;
  for (char c : {'/', '-', '.'}) {
    if (date.find(c) != absl::string_view::npos) {
      sep = c;
      break;
    }
  }
  if (sep == 0) return Bad(original, "not a date");
  std::vector<absl::string_view> parts = absl::StrSplit(date, sep);
  if (parts.size() != 3) return Bad(original, "not a date");
  for (auto p : parts) {
    if (!AllDigits(p) || p.size() > 4) return Bad(original, "not a date");
  }
  if (parts[1].size() > 2 || parts[2].size() > 2) {
    return Bad(original, "not a date (year first)");
  }
  const bool roc = parts[0].size() <= 3;
  if (!roc && roc_said) return Bad(original, "民國 with a four-digit year");
  // 26/08/11 may be ROC 26 (1937), 2026 or a day first: only 民國 says.
  if (parts[0].size() < 3 && !roc_said) {
    return Bad(original, "a one- or two-digit year is ambiguous without 民國");
  }
  int h = 0, mi = 0, sec = 0;
  const bool has_time = !clock.empty();
  std::optional<int> offset;
  if (has_time) {
    auto o = TakeOffset(clock, v[cut] == 'T');
    if (!o.ok()) return Bad(original, std::string(o.status().message()));
    offset = *o;
    // A fraction of a second (GPKG writes .000) is dropped.
    if (const size_t dot = clock.find('.'); dot != absl::string_view::npos) {
      if (dot + 1 >= clock.size() || !AllDigits(clock.substr(dot + 1))) {
        return Bad(original, "not a time of day after the date");
      }
      clock = clock.substr(0, dot);
    }
  }
  if (has_time && !ParseClock(clock, h, mi, sec)) {
    return Bad(original, "not a time of day after the date");
  }
  auto t = Make(original, Num(parts[0]), roc, Num(parts[1]), Num(parts[2]), h,
                mi, sec, has_time);
  if (t.ok()) t->utc_offset_seconds = offset;
  return t;
}

}  // namespace

absl::StatusOr<FeedTime> ParseFeedTime(absl::string_view text) {
  return ParseOne(text);
}

absl::StatusOr<absl::CivilMonth> ParseFeedMonth(absl::string_view original) {
  // A whole date names its month.
  if (auto t = ParseOne(original); t.ok()) return absl::CivilMonth(t->local);
  std::string s = ToHalfWidth(original);
  absl::string_view v = TrimSpace(s);
  if (v.empty()) return Bad(original, "empty");
  bool roc_said = false;
  if (absl::ConsumePrefix(&v, "民國")) {
    roc_said = true;
    v = TrimSpace(v);
  }
  std::string work =
      absl::StrReplaceAll(v, {{"年", "/"}, {"月", ""}, {"份", ""}});
  v = TrimSpace(work);
  absl::string_view year, month;
  if (AllDigits(v)) {
    // ROC yyymm, Gregorian yyyymm.
    if (v.size() != 5 && v.size() != 6) return Bad(original, "not a month");
    year = v.substr(0, v.size() - 2);
    month = v.substr(v.size() - 2);
  } else {
    std::vector<absl::string_view> parts =
        absl::StrSplit(v, absl::ByAnyChar("/-."));
    if (parts.size() != 2 || !AllDigits(parts[0]) || !AllDigits(parts[1]) ||
        parts[0].size() > 4 || parts[1].size() > 2) {
      return Bad(original, "not a month (113/05, 2024-05, 113年5月)");
    }
    year = parts[0];
    month = parts[1];
  }
  const bool roc = year.size() <= 3;
  if (!roc && roc_said) return Bad(original, "民國 with a four-digit year");
  if (year.size() < 3 && !roc_said) {
    return Bad(original, "a one- or two-digit year is ambiguous without 民國");
  }
  auto t = Make(original, Num(year), roc, Num(month), 1, 0, 0, 0, false);
  if (!t.ok()) return t.status();
  return absl::CivilMonth(t->local);
}

absl::StatusOr<FeedPeriod> ParseFeedPeriod(absl::string_view original) {
  const std::string s = ToHalfWidth(original);
  absl::string_view v = TrimSpace(s);
  auto make = [&](absl::string_view a,
                  absl::string_view b) -> absl::StatusOr<FeedPeriod> {
    auto start = ParseOne(a);
    if (!start.ok()) return start.status();
    auto end = ParseOne(b);
    if (!end.ok()) return end.status();
    if (EndInstant(*end) <= StartInstant(*start)) {
      return Bad(original, "the period ends before it starts");
    }
    return FeedPeriod{*start, *end};
  };
  for (absl::string_view mark : {"~", "至"}) {
    const size_t at = v.find(mark);
    if (at != absl::string_view::npos) {
      return make(v.substr(0, at), v.substr(at + mark.size()));
    }
  }
  auto one = ParseOne(v);
  if (one.ok()) return FeedPeriod{*one, std::nullopt};
  // A '-' between two dates that may use '-' themselves: the one split
  // where both sides are dates.
  std::optional<FeedPeriod> found;
  for (size_t at = v.find('-'); at != absl::string_view::npos;
       at = v.find('-', at + 1)) {
    auto a = ParseOne(v.substr(0, at));
    auto b = ParseOne(v.substr(at + 1));
    if (!a.ok() || !b.ok()) continue;
    if (found.has_value()) return Bad(original, "ambiguous period");
    auto p = make(v.substr(0, at), v.substr(at + 1));
    if (!p.ok()) return p.status();
    found = *p;
  }
  if (found.has_value()) return *found;
  return one.status();
}

const absl::TimeZone& TaipeiZone() {
  static const absl::TimeZone* zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Asia/Taipei", z)) {
      *z = absl::FixedTimeZone(8 * 3600);
    }
    return z;
  }();
  return *zone;
}

absl::Time StartInstant(const FeedTime& t) {
  if (t.utc_offset_seconds.has_value()) {
    return absl::FromCivil(t.local, absl::FixedTimeZone(*t.utc_offset_seconds));
  }
  return absl::FromCivil(t.local, TaipeiZone());
}

absl::Time EndInstant(const FeedTime& t) {
  if (t.has_time) return StartInstant(t);
  return absl::FromCivil(absl::CivilDay(t.local) + 1, TaipeiZone());
}

}  // namespace pwis::importers
