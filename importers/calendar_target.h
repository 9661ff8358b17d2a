// The office calendar as a load target: a row per day saying whether the
// government offices are closed (public holidays, substitute days off,
// typhoon days) or open (make-up working Saturdays), as the DGPA's yearly
// 政府行政機關辦公日曆表 lists every day. Rows are found by their day, so a
// later file (a city's typhoon-day notice) takes the day over.
#ifndef PWIS_IMPORTERS_CALENDAR_TARGET_H_
#define PWIS_IMPORTERS_CALENDAR_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeCalendarTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_CALENDAR_TARGET_H_
