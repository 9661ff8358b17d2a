#include "importers/calendar_target.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "importers/dates.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

// 星期 as the calendar writes it: 一 … 六, 日 or 天 for Sunday.
std::optional<absl::Weekday> WeekdayName(const std::string& s) {
  static const struct {
    const char* name;
    absl::Weekday day;
  } kNames[] = {
      {"一", absl::Weekday::monday},    {"二", absl::Weekday::tuesday},
      {"三", absl::Weekday::wednesday}, {"四", absl::Weekday::thursday},
      {"五", absl::Weekday::friday},    {"六", absl::Weekday::saturday},
      {"日", absl::Weekday::sunday},    {"天", absl::Weekday::sunday}};
  absl::string_view t = TrimSpace(s);
  for (absl::string_view prefix : {"星期", "週", "周"}) {
    if (absl::StartsWith(t, prefix)) t.remove_prefix(prefix.size());
  }
  for (const auto& n : kNames) {
    if (t == n.name) return n.day;
  }
  return std::nullopt;
}

class CalendarTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(
        BuildTargetSpec("office_calendar", {"day", "day_off", "note"},
                        {{"day_off", "s.day_off::boolean"}, {"note", "s.note"}},
                        TargetShape{/*located=*/false,
                                    /*soft_deleted=*/false,
                                    {{"day", "s.day::date"}}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return NoGeometry(); }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    const std::string day_text = f.Get("day");
    if (day_text.empty()) return Reject{"day", "missing"};
    auto t = ParseFeedTime(day_text);
    if (!t.ok()) return Reject{"day", std::string(t.status().message())};
    if (t->has_time) return Reject{"day", "a day, not a time of day"};
    const absl::CivilDay day(t->local);
    if (const std::string w = f.Get("weekday"); !w.empty()) {
      auto named = WeekdayName(w);
      if (!named) {
        return Reject{"weekday", absl::StrCat("\"", ValidUtf8(w),
                                              "\": not 一 to 六, 日 or 天")};
      }
      if (*named != absl::GetWeekday(day)) {
        return Reject{"weekday",
                      absl::StrCat("\"", ValidUtf8(w), "\" but ",
                                   absl::FormatCivilTime(day),
                                   " is another day of the week (a shifted "
                                   "row?)")};
      }
    }
    // 是否放假: 2 closed, 0 open (the DGPA's codes), or a flag.
    const std::string off_text = f.Half("day_off");
    std::optional<bool> off;
    if (off_text == "2") {
      off = true;
    } else if (off_text == "0") {
      off = false;
    } else if (!off_text.empty()) {
      off = Flag(off_text);
    }
    if (!off) {
      return Reject{"day_off",
                    absl::StrCat("\"", ValidUtf8(off_text),
                                 "\": expected 2 (closed) or 0 (open), or "
                                 "true or false")};
    }
    const std::string note = ValidUtf8(f.Get("note"));
    if (note.size() > 600) return Reject{"note", "longer than 600 bytes"};
    *values = {absl::FormatCivilTime(day), Bool(*off), note};
    return std::nullopt;
  }

  std::string KeyFor(
      const std::vector<std::optional<std::string>>& values) const override {
    return values[0].value_or("");
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeCalendarTarget() {
  return std::make_unique<CalendarTarget>();
}

}  // namespace pwis::importers
