// The utility_networks table as a load target: an agency's registered
// assets, a centre line with its corridor width or a service area (the
// kind told by the geometry unless given).
#ifndef PWIS_IMPORTERS_NETWORKS_TARGET_H_
#define PWIS_IMPORTERS_NETWORKS_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeNetworksTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_NETWORKS_TARGET_H_
