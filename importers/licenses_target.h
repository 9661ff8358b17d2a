// The building_licenses target: a license number parsed into its parts
// and the bureau's form, dates and full-width numbers normalised, the
// nested lists (門牌, 地號, 樓層概要) as JSON arrays, and each party's
// public name beside the name as given.
#ifndef PWIS_IMPORTERS_LICENSES_TARGET_H_
#define PWIS_IMPORTERS_LICENSES_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeLicensesTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_LICENSES_TARGET_H_
