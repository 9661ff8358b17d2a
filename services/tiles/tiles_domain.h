// The vector tiles as the server wires them (see services/server/domain.h):
// one service over every domain's tile layer.
#ifndef PWIS_SERVICES_TILES_TILES_DOMAIN_H_
#define PWIS_SERVICES_TILES_TILES_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::tiles {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::tiles

#endif  // PWIS_SERVICES_TILES_TILES_DOMAIN_H_
