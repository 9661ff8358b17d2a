// The excavation_permits table as a load target: a permit's agency (by
// code or name), pipeline type (the agency's unless given), category,
// approved and extension periods, status (from the period when the feed
// gives none), daily hours and dug lengths. A permit may come without
// coordinates (feeds that give only a district and an address): it is
// listed under its district and found by its roads and location text.
#ifndef PWIS_IMPORTERS_PERMITS_TARGET_H_
#define PWIS_IMPORTERS_PERMITS_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakePermitsTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_PERMITS_TARGET_H_
