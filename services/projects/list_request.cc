#include "services/projects/list_request.h"

#include <tuple>

#include "services/common/grpc_util.h"

namespace pwis::projects {
namespace {

// The fields lists and stats share: unit, category, status, keyword and
// the day ranges. `default_statuses` when the request names none.
template <typename Request>
absl::Status ParseOwnFields(const Request& r,
                            const std::vector<std::string>& default_statuses,
                            store::ProjectFilter& f) {
  for (auto [value, field, out] : {std::tuple{&r.unit(), "unit", &f.unit},
                                   std::tuple{&r.q(), "q", &f.q}}) {
    absl::StatusOr<std::string> text = ParseTextFilter(*value, field);
    if (!text.ok()) return text.status();
    *out = *text;
  }
  if (absl::Status s = EnumNames(r.category(), store::ProjectCategories(),
                                 "category", &f.categories);
      !s.ok()) {
    return s;
  }
  if (r.status_size() == 0) f.statuses = default_statuses;
  if (absl::Status s = EnumNames(r.status(), store::ProjectStatuses(), "status",
                                 &f.statuses);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          ParseDayRange({r.start_from(), "start_from"},
                        {r.start_to(), "start_to"}, &f.start_from, &f.start_to);
      !s.ok()) {
    return s;
  }
  return ParseDayRange({r.completion_from(), "completion_from"},
                       {r.completion_to(), "completion_to"}, &f.completion_from,
                       &f.completion_to);
}

absl::StatusOr<store::ProjectFilter::Order> ParseOrder(int order) {
  using Order = store::ProjectFilter::Order;
  switch (order) {
    case pwis::v1::PROJECT_ORDER_UNSPECIFIED:
    case pwis::v1::PROJECT_ORDER_CONTRACT_START:
      return Order::kContractStart;
    case pwis::v1::PROJECT_ORDER_VARIANCE:
      return Order::kVariance;
    case pwis::v1::PROJECT_ORDER_AMOUNT:
      return Order::kAmount;
    default:
      return InvalidField("order_by",
                          "expected PROJECT_ORDER_CONTRACT_START, "
                          "PROJECT_ORDER_VARIANCE or PROJECT_ORDER_AMOUNT");
  }
}

}  // namespace

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListProjectsRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  TimeFields time = TimeFieldsOf(r);
  // A project list spans every year unless asked otherwise.
  if (time.at == nullptr && time.window_start == nullptr &&
      time.window_end == nullptr && time.date.empty() &&
      !time.has_updated_since) {
    time.any_time = true;
  }
  absl::StatusOr<CommonList> common = ParseCommonListFields(
      {r.bbox(), CircleFieldsOf(r), r.district(), time,
       r.has_updated_since() ? &r.updated_since() : nullptr, r.page_size(),
       r.page_token(), r.geometry_format()},
      r, now, tokens);
  if (!common.ok()) return common.status();
  ListQuery query = QueryFrom<store::ProjectFilter>(std::move(*common));
  store::ProjectFilter& f = query.filter;
  if (absl::Status s = ParseOwnFields(r, store::DefaultProjectStatuses(), f);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = EnumNames(r.behind_level(), store::BehindLevels(),
                                 "behind_level", &f.behind_levels);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<store::ProjectFilter::Order> order = ParseOrder(r.order_by());
  if (!order.ok()) return order.status();
  f.order = *order;
  return query;
}

absl::StatusOr<store::ProjectFilter> ParseStatsRequest(
    const pwis::v1::GetProjectStatsRequest& r) {
  store::ProjectFilter f;
  if (!r.bbox().empty()) {
    absl::StatusOr<store::BoundingBox> box = ParseBbox(r.bbox());
    if (!box.ok()) return box.status();
    f.common.bbox = *box;
  }
  absl::StatusOr<std::string> district =
      ParseTextFilter(r.district(), "district");
  if (!district.ok()) return district.status();
  f.common.district_code = *district;
  // Totals count every status unless asked (cancelled ones apart).
  if (absl::Status s = ParseOwnFields(r, {}, f); !s.ok()) return s;
  return f;
}

}  // namespace pwis::projects
