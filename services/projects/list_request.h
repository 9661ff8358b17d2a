// Validation of ListProjectsRequest and GetProjectStatsRequest into a
// store filter: the shared list fields (services/common/list_params.h),
// except that no time field means any time, plus the projects' own (unit,
// category, status, behind level, keyword, day ranges, order).
#ifndef PWIS_SERVICES_PROJECTS_LIST_REQUEST_H_
#define PWIS_SERVICES_PROJECTS_LIST_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/projects_store.h"
#include "pwis/v1/projects.pb.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"

namespace pwis::projects {

using ListQuery = FilterQuery<store::ProjectFilter>;

// Checks every field of `request` and builds the query, or INVALID_ARGUMENT
// naming the first bad field.
absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListProjectsRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

// The filter of a stats request (its district still the caller's key).
absl::StatusOr<store::ProjectFilter> ParseStatsRequest(
    const pwis::v1::GetProjectStatsRequest& request);

}  // namespace pwis::projects

#endif  // PWIS_SERVICES_PROJECTS_LIST_REQUEST_H_
