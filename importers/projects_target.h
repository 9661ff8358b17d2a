// The projects table as a load target: a public works project list (name,
// owning unit, category, status, money, parties, contract days), with the
// site's geometry when the list has one.
#ifndef PWIS_IMPORTERS_PROJECTS_TARGET_H_
#define PWIS_IMPORTERS_PROJECTS_TARGET_H_

#include <memory>

#include "importers/load_target.h"

namespace pwis::importers {

std::unique_ptr<LoadTarget> MakeProjectsTarget();

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_PROJECTS_TARGET_H_
