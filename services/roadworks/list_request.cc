#include "services/roadworks/list_request.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis::roadworks {

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListRoadWorksRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  absl::StatusOr<CommonList> common = ParseCommonList(r, now, tokens);
  if (!common.ok()) return common.status();
  ListQuery q;
  q.filter.common = std::move(common->filter);
  q.options = common->options;
  q.paging = common->paging;
  absl::StatusOr<std::string> road = ParseTextFilter(r.road(), "road");
  if (!road.ok()) return road.status();
  q.filter.road = *road;
  // By default cancelled works are left out.
  if (r.status_size() == 0) {
    q.filter.statuses = {"planned", "active", "suspended", "completed"};
  }
  if (absl::Status s = EnumNames(r.status(), store::RoadWorkStatuses(),
                                 "status", &q.filter.statuses);
      !s.ok()) {
    return s;
  }
  return q;
}

}  // namespace pwis::roadworks
