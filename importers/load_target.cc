#include "importers/load_target.h"

#include "absl/strings/str_cat.h"
#include "importers/calendar_target.h"
#include "importers/cases_target.h"
#include "importers/licenses_target.h"
#include "importers/networks_target.h"
#include "importers/no_dig_zones_target.h"
#include "importers/permits_target.h"
#include "importers/progress_target.h"
#include "importers/projects_target.h"
#include "importers/road_works_target.h"

namespace pwis::importers {

absl::StatusOr<std::unique_ptr<LoadTarget>> MakeLoadTarget(Target target) {
  switch (target) {
    case ROAD_WORKS:
      return MakeRoadWorksTarget();
    case EXCAVATION_PERMITS:
      return MakePermitsTarget();
    case UTILITY_NETWORKS:
      return MakeNetworksTarget();
    case NO_DIG_ZONES:
      return MakeNoDigZonesTarget();
    case BUILDING_LICENSES:
      return MakeLicensesTarget();
    case LICENSE_CASES:
      return MakeCasesTarget();
    case PROJECTS:
      return MakeProjectsTarget();
    case PROJECT_PROGRESS:
      return MakeProgressTarget();
    case OFFICE_CALENDAR:
      return MakeCalendarTarget();
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("target ", Target_Name(target), ": not one pwis loads"));
  }
}

}  // namespace pwis::importers
