// The list of domains: add a new one here (and nowhere else in the server).
#include "services/districts/districts_domain.h"
#include "services/licenses/licenses_domain.h"
#include "services/permits/permits_domain.h"
#include "services/projects/projects_domain.h"
#include "services/roadworks/roadworks_domain.h"
#include "services/server/domain.h"
#include "services/tiles/tiles_domain.h"

namespace pwis {

const std::vector<DomainEntry>& Domains() {
  static const std::vector<DomainEntry>* domains = new std::vector<DomainEntry>{
      {"pwis.v1.RoadWorkService", &roadworks::MakeDomain},
      {"pwis.v1.DistrictService", &districts::MakeDomain},
      {"pwis.v1.ExcavationService", &permits::MakeDomain},
      {"pwis.v1.LicenseService", &licenses::MakeDomain},
      {"pwis.v1.ProjectService", &projects::MakeDomain},
      {"pwis.v1.TileService", &tiles::MakeDomain},
  };
  return *domains;
}

}  // namespace pwis
