// ListNoDigZones, ExportNoDigZonesGeoJson and ListUtilityNetworks: the
// kit's list methods (services/common/list_methods.h) over the no-dig zone
// and network stores.
#ifndef PWIS_SERVICES_PERMITS_ZONE_NETWORK_SERVICE_H_
#define PWIS_SERVICES_PERMITS_ZONE_NETWORK_SERVICE_H_

#include <google/api/httpbody.pb.h>
#include <grpcpp/grpcpp.h>

#include "gis/store/districts_store.h"
#include "gis/store/no_dig_zones_store.h"
#include "gis/store/utility_networks_store.h"
#include "pwis/v1/excavation.pb.h"
#include "services/common/list_methods.h"
#include "services/common/page_token.h"
#include "services/permits/zone_network_requests.h"

namespace pwis::permits {

class ZoneNetworkService {
 public:
  // Everything must outlive the service.
  ZoneNetworkService(store::NoDigZonesStore* zones,
                     store::UtilityNetworksStore* networks,
                     store::DistrictsStore* districts,
                     const PageTokenCodec* tokens)
      : zones_(&ParseNoDigZonesRequest, zones, districts, tokens),
        networks_(&ParseNetworksRequest, networks, districts, tokens) {}

  grpc::Status ListNoDigZones(grpc::ServerContext* context,
                              const pwis::v1::ListNoDigZonesRequest* request,
                              pwis::v1::ListNoDigZonesResponse* response) {
    return zones_.List(context, *request, response,
                       [&](pwis::v1::NoDigZone&& z) {
                         *response->add_no_dig_zones() = std::move(z);
                       });
  }

  grpc::Status ExportNoDigZonesGeoJson(
      grpc::ServerContext* context,
      const pwis::v1::ListNoDigZonesRequest* request,
      google::api::HttpBody* response) {
    return zones_.ExportGeoJson(context, *request, response);
  }

  grpc::Status ListUtilityNetworks(
      grpc::ServerContext* context,
      const pwis::v1::ListUtilityNetworksRequest* request,
      pwis::v1::ListUtilityNetworksResponse* response) {
    return networks_.List(context, *request, response,
                          [&](pwis::v1::UtilityNetwork&& n) {
                            *response->add_utility_networks() = std::move(n);
                          });
  }

 private:
  ListMethods<pwis::v1::ListNoDigZonesRequest, NoDigZoneQuery,
              store::NoDigZonesStore>
      zones_;
  ListMethods<pwis::v1::ListUtilityNetworksRequest, NetworkQuery,
              store::UtilityNetworksStore>
      networks_;
};

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_ZONE_NETWORK_SERVICE_H_
