// The building-licenses domain as the server registers it
// (services/server/domain.h).
#ifndef PWIS_SERVICES_LICENSES_LICENSES_DOMAIN_H_
#define PWIS_SERVICES_LICENSES_LICENSES_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::licenses {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_LICENSES_DOMAIN_H_
