// The days the bureau's offices work (table office_calendar, see
// db/migrations/0021_office_calendar.sql): Monday to Friday, except where a
// loaded year's calendar says otherwise (public holidays and substitute
// days off, make-up working Saturdays, typhoon days).
#ifndef PWIS_GIS_STORE_OFFICE_CALENDAR_H_
#define PWIS_GIS_STORE_OFFICE_CALENDAR_H_

#include <map>
#include <set>

#include "absl/time/civil_time.h"

namespace pwis::store {

struct OfficeCalendar {
  // Years the calendar has rows for; other years are only Monday to Friday.
  std::set<absl::civil_year_t> known_years;
  // The days that differ from Monday to Friday: true for a weekday off,
  // false for a weekend day worked.
  std::map<absl::CivilDay, bool> exceptions;

  bool Knows(absl::CivilDay d) const { return known_years.count(d.year()); }

  bool Works(absl::CivilDay d) const {
    if (auto it = exceptions.find(d); it != exceptions.end()) {
      return !it->second;
    }
    const absl::Weekday w = absl::GetWeekday(d);
    return w != absl::Weekday::saturday && w != absl::Weekday::sunday;
  }
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_OFFICE_CALENDAR_H_
