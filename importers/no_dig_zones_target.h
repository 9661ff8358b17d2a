// The no_dig_zones table as a load target: where and when digging is
// refused (resurfaced roads, events, protected pavements), with the
// authority to ask.
#ifndef PWIS_IMPORTERS_NO_DIG_ZONES_TARGET_H_
#define PWIS_IMPORTERS_NO_DIG_ZONES_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeNoDigZonesTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_NO_DIG_ZONES_TARGET_H_
