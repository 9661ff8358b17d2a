#include "services/roadworks/list_request.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis::roadworks {

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListRoadWorksRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  absl::StatusOr<ListQuery> parsed =
      ParseFilterQuery<store::RoadWorkFilter>(r, now, tokens);
  if (!parsed.ok()) return parsed.status();
  ListQuery& q = *parsed;
  absl::StatusOr<std::string> road = ParseTextFilter(r.road(), "road");
  if (!road.ok()) return road.status();
  q.filter.road = *road;
  // By default cancelled works are left out.
  if (r.status_size() == 0) {
    q.filter.statuses = store::DefaultRoadWorkStatuses();
  }
  if (absl::Status s = EnumNames(r.status(), store::RoadWorkStatuses(),
                                 "status", &q.filter.statuses);
      !s.ok()) {
    return s;
  }
  return parsed;
}

}  // namespace pwis::roadworks
