// The license_cases target: applications and their status timelines
// (案件進度), the check code kept only as a salted hash.
#ifndef PWIS_IMPORTERS_CASES_TARGET_H_
#define PWIS_IMPORTERS_CASES_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeCasesTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_CASES_TARGET_H_
