// Validation of ListNoDigZonesRequest and ListUtilityNetworksRequest into
// store filters: the shared list fields (services/common/list_params.h)
// plus their own. Networks have no period, so no time field.
#ifndef PWIS_SERVICES_PERMITS_ZONE_NETWORK_REQUESTS_H_
#define PWIS_SERVICES_PERMITS_ZONE_NETWORK_REQUESTS_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/no_dig_zones_store.h"
#include "gis/store/utility_networks_store.h"
#include "pwis/v1/excavation.pb.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"

namespace pwis::permits {

using NoDigZoneQuery = FilterQuery<store::NoDigZoneFilter>;
using NetworkQuery = FilterQuery<store::NetworkFilter>;

absl::StatusOr<NoDigZoneQuery> ParseNoDigZonesRequest(
    const pwis::v1::ListNoDigZonesRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

absl::StatusOr<NetworkQuery> ParseNetworksRequest(
    const pwis::v1::ListUtilityNetworksRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_ZONE_NETWORK_REQUESTS_H_
