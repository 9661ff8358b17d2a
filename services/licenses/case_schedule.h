// A case's processing clock (法定處理期限): the bureau has a number of
// working days (Monday to Friday; public holidays are not known here and
// count as working days) from the day after it received the case; the
// days from a correction request to the applicant's resubmission do not
// count (the clock stops while the applicant is asked for documents).
#ifndef PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_
#define PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"

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
};

// `events` in time order; `today` the Asia/Taipei day now.
CaseSchedule Schedule(absl::CivilDay received, int statutory_days,
                      const std::vector<ClockEvent>& events,
                      absl::CivilDay today);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_SCHEDULE_H_
