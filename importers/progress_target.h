// The progress reports of public works projects as a load target: a
// monthly (or ad-hoc) row per project and day with the cumulative planned
// and actual percent, the amount paid and the reason when behind. Rows are
// found by (project, day), so a re-import with another spelling of the
// number or the month updates the same report.
#ifndef PWIS_IMPORTERS_PROGRESS_TARGET_H_
#define PWIS_IMPORTERS_PROGRESS_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeProgressTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_PROGRESS_TARGET_H_
