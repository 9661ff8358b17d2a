// The `district` filter of any list request: a TOWNCODE or a name, as the
// caller wrote it, resolved to the code the tables store.
#ifndef PWIS_SERVICES_COMMON_DISTRICT_FILTER_H_
#define PWIS_SERVICES_COMMON_DISTRICT_FILTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/districts_store.h"

namespace pwis {

// The code of the district `key` names (see DistrictsStore::Resolve); ""
// for an empty key; INVALID_ARGUMENT naming `field` for an unknown one.
absl::StatusOr<std::string> ResolveDistrict(store::DistrictsStore& districts,
                                            const std::string& key,
                                            const store::CallLimit& limit,
                                            const char* field = "district");

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_DISTRICT_FILTER_H_
