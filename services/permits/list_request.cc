#include "services/permits/list_request.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis::permits {

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListPermitsRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  absl::StatusOr<CommonList> common = ParseCommonList(r, now, tokens);
  if (!common.ok()) return common.status();
  ListQuery q;
  store::PermitFilter& f = q.filter;
  f.common = std::move(common->filter);
  q.options = common->options;
  q.paging = common->paging;
  for (auto [value, field, out] :
       {std::tuple{&r.road(), "road", &f.road},
        std::tuple{&r.agency(), "agency", &f.agency}}) {
    absl::StatusOr<std::string> text = ParseTextFilter(*value, field);
    if (!text.ok()) return text.status();
    *out = *text;
  }
  if (absl::Status s = EnumNames(r.pipeline_type(), store::PipelineTypes(),
                                 "pipeline_type", &f.pipeline_types);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = EnumNames(r.category(), store::PermitCategories(),
                                 "category", &f.categories);
      !s.ok()) {
    return s;
  }
  // By default permits that never were, or no longer are, in force are
  // left out.
  if (r.status_size() == 0) {
    f.statuses = {"applied", "approved", "in_progress", "backfilled",
                  "completed"};
  }
  if (absl::Status s =
          EnumNames(r.status(), store::PermitStatuses(), "status", &f.statuses);
      !s.ok()) {
    return s;
  }
  return q;
}

}  // namespace pwis::permits
