// Case numbers and check codes as applicants type them: either width,
// any case, spaces (and in a code, dashes) ignored.
#ifndef PWIS_SERVICES_LICENSES_CASE_NUMBER_H_
#define PWIS_SERVICES_LICENSES_CASE_NUMBER_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace pwis::licenses {

// `text` upper case and half-width, without spaces (and without dashes
// unless `keep_dashes`); nullopt when anything but [0-9A-Z-] is left, or
// the result is not `min`..`max` characters long.
std::optional<std::string> CaseCode(absl::string_view text, bool keep_dashes,
                                    size_t min, size_t max);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_NUMBER_H_
