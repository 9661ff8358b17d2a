// Validation of ListRoadWorksRequest into a store filter, and its paging:
// the shared list fields (services/common/list_params.h) plus the road
// works' own (road, status).
#ifndef PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_
#define PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/roadworks_store.h"
#include "pwis/v1/roadworks.pb.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"

namespace pwis::roadworks {

using ListQuery = FilterQuery<store::RoadWorkFilter>;

// Checks every field of `request` and builds the query, or INVALID_ARGUMENT
// naming the first bad field. `now` resolves the default time filter unless
// the page token carries an earlier instant.
absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListRoadWorksRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

}  // namespace pwis::roadworks

#endif  // PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_
