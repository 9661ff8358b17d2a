// A case's processing clock (法定處理期限): the bureau has a number of
// working days (the office calendar's: Monday to Friday less public
// holidays, plus make-up working days) from the day after it received the
// case; the days from a correction request to the applicant's
// resubmission do not count (the clock stops while the applicant is asked
// for documents).
#ifndef PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_
#define PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "gis/store/office_calendar.h"

namespace pwis::licenses {

struct ClockEvent {
  enum Kind { kOther, kStop, kResume, kDecided };
  absl::CivilDay day;
  Kind kind = kOther;
};

struct CaseSchedule {
  int working_days_used = 0;
  // Unset while the clock is stopped (a correction awaited).
  std::optional<absl::CivilDay> expected;
  bool overdue = false;
  // Some day up to `expected` is in a year the calendar does not know, so
  // holidays there were not skipped: the date may still move later.
  bool provisional = false;
};

// `events` in time order; `today` the Asia/Taipei day now; `calendar`
// the days the office works.
CaseSchedule Schedule(absl::CivilDay received, int statutory_days,
                      const std::vector<ClockEvent>& events,
                      absl::CivilDay today,
                      const store::OfficeCalendar& calendar = {});

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_
