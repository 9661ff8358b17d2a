// The road_works table as a load target: its staged columns, its upsert,
// and a mapped row in the stage's shape.
#ifndef PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_
#define PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_

#include "importers/loader.h"
#include "importers/road_work_mapper.h"

namespace pwis::importers {

TargetSpec RoadWorksTarget();
StagedRow StageRoadWork(const RoadWorkRow& row);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_ROAD_WORKS_TARGET_H_
