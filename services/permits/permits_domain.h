// The excavation-permits domain as the server registers it
// (services/server/domain.h).
#ifndef PWIS_SERVICES_PERMITS_PERMITS_DOMAIN_H_
#define PWIS_SERVICES_PERMITS_PERMITS_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::permits {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_PERMITS_DOMAIN_H_
