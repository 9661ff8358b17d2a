#include "importers/field_values.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "importers/dates.h"
#include "importers/text.h"

namespace pwis::importers {

std::string Fields::Get(const std::string& to) const {
  for (const Field& f : profile_.field()) {
    if (f.to() != to) continue;
    if (!f.value().empty()) return f.value();
    std::string v;
    if (f.join_size() > 0) {
      bool any = false;
      for (int i = 0; i < f.join_size(); ++i) {
        const std::string* part = record_.Find(f.join(i));
        if (i > 0) v += '|';
        if (part != nullptr && !TrimSpace(*part).empty()) {
          // "A|B" + "C" and "A" + "B|C" must not make one key.
          absl::StrAppend(&v,
                          absl::StrReplaceAll(TrimSpace(*part),
                                              {{"\\", "\\\\"}, {"|", "\\|"}}));
          any = true;
        }
      }
      if (!any) return "";
    } else {
      const std::string* found = record_.Find(f.from());
      if (found == nullptr) return "";
      v = std::string(TrimSpace(*found));
    }
    auto mapped = f.values().find(v);
    return mapped == f.values().end() ? v : mapped->second;
  }
  return "";
}

std::string Fields::Half(const std::string& to) const {
  return ToHalfWidth(Get(to));
}

std::vector<std::string> SplitNames(const std::string& s) {
  std::vector<std::string> out;
  // Full-width commas and semicolons are half-width by now.
  const std::string commas = absl::StrReplaceAll(s, {{"、", ","}, {";", ","}});
  for (absl::string_view part :
       absl::StrSplit(commas, ',', absl::SkipEmpty())) {
    absl::string_view t = TrimSpace(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

std::optional<bool> Flag(const std::string& s) {
  const std::string v = absl::AsciiStrToLower(s);
  if (v.empty() || v == "false" || v == "0" || v == "no" || v == "n" ||
      v == "f" || v == "否") {
    return false;
  }
  if (v == "true" || v == "1" || v == "yes" || v == "y" || v == "t" ||
      v == "是") {
    return true;
  }
  return std::nullopt;
}

std::optional<std::string> Clock(const std::string& s) {
  std::vector<std::string> parts = absl::StrSplit(s, ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  int v[3] = {0, 0, 0};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 2 ||
        !absl::SimpleAtoi(parts[i], &v[i])) {
      return std::nullopt;
    }
  }
  if (v[0] > 23 || v[1] > 59 || v[2] > 59) return std::nullopt;
  return absl::StrFormat("%02d:%02d:%02d", v[0], v[1], v[2]);
}

std::variant<Period, Reject, std::monostate> ReadPeriod(const Fields& f,
                                                        PeriodNames names,
                                                        bool required) {
  std::optional<FeedTime> start, end;
  const std::string period = f.Get(names.period);
  if (!period.empty()) {
    auto p = ParseFeedPeriod(period);
    if (!p.ok()) return Reject{names.period, std::string(p.status().message())};
    start = p->start;
    end = p->end;
    if (!end.has_value() && !start->has_time) end = start;
  } else {
    const std::string s = f.Get(names.start);
    const std::string e = f.Get(names.end);
    if (s.empty()) {
      if (!required && e.empty()) return std::monostate{};
      return Reject{names.start, "required"};
    }
    auto t = ParseFeedTime(s);
    if (!t.ok()) return Reject{names.start, std::string(t.status().message())};
    start = *t;
    if (!e.empty()) {
      auto te = ParseFeedTime(e);
      if (!te.ok())
        return Reject{names.end, std::string(te.status().message())};
      end = *te;
    }
  }
  Period out{StartInstant(*start), std::nullopt};
  if (end.has_value()) {
    out.end = EndInstant(*end);
    if (*out.end <= out.start) {
      return Reject{names.end, "the period ends before it starts"};
    }
  }
  return out;
}

std::variant<std::pair<std::string, std::string>, Reject> ReadHours(
    const Fields& f, const char* start, const char* end) {
  const std::string ws = f.Half(start);
  const std::string we = f.Half(end);
  if (ws.empty() != we.empty()) {
    return Reject{ws.empty() ? start : end,
                  absl::StrCat("daily hours need both ", start, " and ", end)};
  }
  if (ws.empty()) return std::pair<std::string, std::string>();
  auto a = Clock(ws), b = Clock(we);
  if (!a.has_value()) return Reject{start, "not a time of day"};
  if (!b.has_value()) return Reject{end, "not a time of day"};
  return std::pair(*a, *b);
}

std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",";
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += "}";
  return out;
}

std::optional<std::string> Optional(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string Bool(bool b) { return b ? "t" : "f"; }

std::string Timestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6S+00:00", t, absl::UTCTimeZone());
}

std::optional<std::string> Timestamp(const std::optional<absl::Time>& t) {
  if (!t.has_value()) return std::nullopt;
  return Timestamp(*t);
}

std::variant<std::optional<double>, std::string> Decimal(std::string s,
                                                         double max) {
  s = absl::StrReplaceAll(ToHalfWidth(s), {{",", ""}, {" ", ""}});
  if (s.empty()) return std::optional<double>();
  double d;
  if (!absl::SimpleAtod(s, &d) || !std::isfinite(d) || d < 0 || d > max) {
    return absl::StrCat("\"", s, "\": expected a number from 0 to ", max);
  }
  return std::optional<double>(d);
}

std::optional<std::string> NumberText(const std::optional<double>& d,
                                      bool integer) {
  if (!d) return std::nullopt;
  // 15 significant digits: every decimal a feed writes with up to 15
  // comes back as written (StrCat's 6 would round 99.99499 to 99.995,
  // which numeric(5,2) then makes 100.00).
  return integer ? absl::StrCat(static_cast<int64_t>(std::llround(*d)))
                 : absl::StrFormat("%.15g", *d);
}

std::variant<std::optional<std::string>, Reject> ReadDay(const Fields& f,
                                                         const char* field) {
  const std::string text = f.Get(field);
  if (text.empty()) return std::optional<std::string>();
  absl::StatusOr<FeedTime> t = ParseFeedTime(text);
  if (!t.ok()) return Reject{field, std::string(t.status().message())};
  return std::optional<std::string>(
      absl::FormatCivilTime(absl::CivilDay(t->local)));
}

}  // namespace pwis::importers
