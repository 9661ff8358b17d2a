// Land parcels (地號) as people and feeds write them: a section (地段, with
// its 小段) then the parcel number, mother and optional child.
//
//   苓雅段123-4   苓雅段 0123-0004   五塊厝段三小段45地號   苓雅段01230004
#ifndef PWIS_SERVICES_LICENSES_LAND_PARCEL_H_
#define PWIS_SERVICES_LICENSES_LAND_PARCEL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pwis::licenses {

struct ParcelNumber {
  std::string section;  // as written (SQL folds it: pwis_parcel_key)
  int mother = 0;       // 1..9999
  int child = 0;        // 0..9999; 0 when not written
};

// Section and number in one text. INVALID_ARGUMENT with the expected form.
absl::StatusOr<ParcelNumber> ParseParcel(absl::string_view text);

// The number part alone ("123-4", "0123-0004", "01230004", "123"), into
// `out`'s mother and child.
absl::Status ParseParcelNumber(absl::string_view text, ParcelNumber* out);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_LAND_PARCEL_H_
