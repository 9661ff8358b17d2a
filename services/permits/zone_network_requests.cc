#include "services/permits/zone_network_requests.h"

#include "gis/store/permits_store.h"

namespace pwis::permits {

absl::StatusOr<NoDigZoneQuery> ParseNoDigZonesRequest(
    const pwis::v1::ListNoDigZonesRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  absl::StatusOr<NoDigZoneQuery> parsed =
      ParseFilterQuery<store::NoDigZoneFilter>(r, now, tokens);
  if (!parsed.ok()) return parsed.status();
  NoDigZoneQuery& q = *parsed;
  absl::StatusOr<std::string> road = ParseTextFilter(r.road(), "road");
  if (!road.ok()) return road.status();
  q.filter.road = *road;
  if (absl::Status s = EnumNames(r.reason(), store::NoDigReasons(), "reason",
                                 &q.filter.reasons);
      !s.ok()) {
    return s;
  }
  return parsed;
}

absl::StatusOr<NetworkQuery> ParseNetworksRequest(
    const pwis::v1::ListUtilityNetworksRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  TimeFields no_time;
  no_time.any_time = true;
  absl::StatusOr<CommonList> common = ParseCommonListFields(
      {r.bbox(), CircleFieldsOf(r), r.district(), no_time,
       r.has_updated_since() ? &r.updated_since() : nullptr, r.page_size(),
       r.page_token(), r.geometry_format()},
      r, now, tokens);
  if (!common.ok()) return common.status();
  NetworkQuery q = QueryFrom<store::NetworkFilter>(std::move(*common));
  absl::StatusOr<std::string> agency = ParseTextFilter(r.agency(), "agency");
  if (!agency.ok()) return agency.status();
  q.filter.agency = *agency;
  if (absl::Status s = EnumNames(r.pipeline_type(), store::PipelineTypes(),
                                 "pipeline_type", &q.filter.pipeline_types);
      !s.ok()) {
    return s;
  }
  return q;
}

}  // namespace pwis::permits
