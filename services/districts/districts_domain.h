// The districts domain as the server registers it (services/server/domain.h).
#ifndef PWIS_SERVICES_DISTRICTS_DISTRICTS_DOMAIN_H_
#define PWIS_SERVICES_DISTRICTS_DISTRICTS_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::districts {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::districts

#endif  // PWIS_SERVICES_DISTRICTS_DISTRICTS_DOMAIN_H_
