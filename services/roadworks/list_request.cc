#include "services/roadworks/list_request.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis::roadworks {

absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListRoadWorksRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  ListQuery q;
  store::RoadWorkFilter& f = q.filter;
  if (!r.bbox().empty()) {
    absl::StatusOr<store::BoundingBox> bbox = ParseBbox(r.bbox());
    if (!bbox.ok()) return bbox.status();
    f.bbox = *bbox;
  }
  absl::StatusOr<std::optional<store::Circle>> circle =
      ParseCircle(CircleFieldsOf(r));
  if (!circle.ok()) return circle.status();
  f.circle = *circle;
  absl::StatusOr<std::string> district =
      ParseTextFilter(r.district(), "district");
  if (!district.ok()) return district.status();
  f.district_code = *district;
  absl::StatusOr<std::string> road = ParseTextFilter(r.road(), "road");
  if (!road.ok()) return road.status();
  f.road = *road;

  absl::StatusOr<TimeSelection> time = ParseTimeFields(TimeFieldsOf(r), now);
  if (!time.ok()) return time.status();
  f.time = time->filter;

  // By default cancelled works are left out.
  if (r.status_size() == 0) {
    f.statuses = {"planned", "active", "suspended", "completed"};
  }
  for (int s : r.status()) {
    const store::EnumEntry* e = store::ByValue(store::RoadWorkStatuses(), s);
    if (e == nullptr) {
      return InvalidField("status", absl::StrCat("unknown status ", s));
    }
    f.statuses.push_back(e->name);
  }
  if (r.has_updated_since()) {
    absl::StatusOr<absl::Time> t =
        TimeFromProto(r.updated_since(), "updated_since");
    if (!t.ok()) return t.status();
    f.updated_since = *t;
    f.include_deleted = true;
  }

  absl::StatusOr<int> limit = PageLimit(r.page_size());
  if (!limit.ok()) return limit.status();
  q.options.limit = *limit;
  if (absl::Status s = CheckGeometryFormat(r.geometry_format()); !s.ok()) {
    return s;
  }
  q.options.geometry_format = r.geometry_format();

  absl::StatusOr<Paging> paging =
      ParsePaging(r, r.page_token(), time->defaulted, now, tokens);
  if (!paging.ok()) return paging.status();
  q.paging = *paging;
  q.options.after = q.paging.after;
  if (time->defaulted) f.time.at = absl::FromUnixMicros(q.paging.now_us);
  return q;
}

}  // namespace pwis::roadworks
