// The road_works table as a load target: its staged columns, its upsert,
// and a record's values (periods, status, closures, daily hours, phones).
#ifndef PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_
#define PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeRoadWorksTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_
