#include "services/permits/list_request.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis::permits {

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListPermitsRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  absl::StatusOr<ListQuery> parsed =
      ParseFilterQuery<store::PermitFilter>(r, now, tokens);
  if (!parsed.ok()) return parsed.status();
  store::PermitFilter& f = parsed->filter;
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
    f.statuses = store::DefaultPermitStatuses();
  }
  if (absl::Status s =
          EnumNames(r.status(), store::PermitStatuses(), "status", &f.statuses);
      !s.ok()) {
    return s;
  }
  return parsed;
}

}  // namespace pwis::permits
