// Validation of SearchLicensesRequest into a store filter, its page
// options and paging. Every error is INVALID_ARGUMENT naming the field.
#ifndef PWIS_SERVICES_LICENSES_SEARCH_REQUEST_H_
#define PWIS_SERVICES_LICENSES_SEARCH_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/licenses_store.h"
#include "pwis/v1/licenses.pb.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"

namespace pwis::licenses {

// The filter's district_code still holds the caller's key (a code or a
// name, see ResolveDistrict).
using SearchQuery = FilterQuery<store::LicenseFilter>;

absl::StatusOr<SearchQuery> ParseSearchRequest(
    const pwis::v1::SearchLicensesRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_SEARCH_REQUEST_H_
