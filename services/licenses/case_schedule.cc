#include "services/licenses/case_schedule.h"

#include <utility>

namespace pwis::licenses {
CaseSchedule Schedule(absl::CivilDay received, int statutory_days,
                      const std::vector<ClockEvent>& events,
                      absl::CivilDay today,
                      const store::OfficeCalendar& calendar) {
  // Stopped spans [stop day, resume day): the resubmission day counts.
  std::vector<std::pair<absl::CivilDay, std::optional<absl::CivilDay>>> stops;
  std::optional<absl::CivilDay> decided;
  for (const ClockEvent& e : events) {
    if (decided) break;
    switch (e.kind) {
      case ClockEvent::kStop:
        if (stops.empty() || stops.back().second) stops.push_back({e.day, {}});
        break;
      case ClockEvent::kResume:
        if (!stops.empty() && !stops.back().second) stops.back().second = e.day;
        break;
      case ClockEvent::kDecided:
        decided = e.day;
        break;
      case ClockEvent::kOther:
        break;
    }
  }
  const bool stopped = !decided && !stops.empty() && !stops.back().second;
  auto counts = [&](absl::CivilDay d) {
    if (!calendar.Works(d)) return false;
    for (const auto& [from, to] : stops) {
      if (d >= from && (!to || d < *to)) return false;
    }
    return true;
  };
  CaseSchedule s;
  const absl::CivilDay end = decided ? *decided : today;
  for (absl::CivilDay d = received + 1; d <= end; ++d) {
    if (counts(d)) ++s.working_days_used;
  }
  if (!stopped) {
    int n = 0;
    absl::CivilDay d = received;
    // Bounded: a statutory period is at most a year of working days.
    while (n < statutory_days && d - received < 3 * 366) {
      ++d;
      if (counts(d)) ++n;
      if (!calendar.Knows(d)) s.provisional = true;
    }
    s.expected = d;
    s.overdue = !decided && today > d;
  }
  return s;
}

}  // namespace pwis::licenses
