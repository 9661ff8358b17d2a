// The road-works domain as the server registers it (services/server/domain.h).
#ifndef PWIS_SERVICES_ROADWORKS_ROADWORKS_DOMAIN_H_
#define PWIS_SERVICES_ROADWORKS_ROADWORKS_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::roadworks {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::roadworks

#endif  // PWIS_SERVICES_ROADWORKS_ROADWORKS_DOMAIN_H_
