// The public works projects domain as the server wires it (see
// services/server/domain.h).
#ifndef PWIS_SERVICES_PROJECTS_PROJECTS_DOMAIN_H_
#define PWIS_SERVICES_PROJECTS_PROJECTS_DOMAIN_H_

#include <memory>

#include "services/server/domain.h"

namespace pwis::projects {

std::unique_ptr<Domain> MakeDomain(const DomainContext& context);

}  // namespace pwis::projects

#endif  // PWIS_SERVICES_PROJECTS_PROJECTS_DOMAIN_H_
