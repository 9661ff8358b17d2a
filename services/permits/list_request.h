// Validation of ListPermitsRequest into a store filter, and its paging:
// the shared list fields (services/common/list_params.h) plus the permits'
// own (agency, pipeline type, category, status).
#ifndef PWIS_SERVICES_PERMITS_LIST_REQUEST_H_
#define PWIS_SERVICES_PERMITS_LIST_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/permits_store.h"
#include "pwis/v1/excavation.pb.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"

namespace pwis::permits {

using ListQuery = FilterQuery<store::PermitFilter>;

// Checks every field of `request` and builds the query, or INVALID_ARGUMENT
// naming the first bad field.
absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListPermitsRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_LIST_REQUEST_H_
