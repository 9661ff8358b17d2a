// ExcavationService: permits by number, lists, GeoJSON and a stream.
#ifndef PWIS_SERVICES_PERMITS_PERMIT_SERVICE_H_
#define PWIS_SERVICES_PERMITS_PERMIT_SERVICE_H_

#include "gis/store/districts_store.h"
#include "gis/store/permits_store.h"
#include "pwis/v1/excavation.grpc.pb.h"
#include "services/common/list_methods.h"
#include "services/common/page_token.h"
#include "services/permits/list_request.h"

namespace pwis::permits {

class PermitServiceImpl final : public pwis::v1::ExcavationService::Service {
 public:
  // The stores and codec must outlive the service.
  PermitServiceImpl(store::PermitsStore* permits,
                    store::DistrictsStore* districts,
                    const PageTokenCodec* tokens)
      : permits_(permits),
        lists_(&ParseListRequest, permits, districts, tokens) {}

  grpc::Status GetPermit(grpc::ServerContext* context,
                         const pwis::v1::GetPermitRequest* request,
                         pwis::v1::Permit* response) override;

  grpc::Status ListPermits(grpc::ServerContext* context,
                           const pwis::v1::ListPermitsRequest* request,
                           pwis::v1::ListPermitsResponse* response) override;

  grpc::Status ExportPermitsGeoJson(grpc::ServerContext* context,
                                    const pwis::v1::ListPermitsRequest* request,
                                    google::api::HttpBody* response) override;

  grpc::Status StreamPermits(
      grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
      grpc::ServerWriter<pwis::v1::Permit>* writer) override;

 private:
  store::PermitsStore* permits_;
  ListMethods<pwis::v1::ListPermitsRequest, ListQuery, store::PermitsStore>
      lists_;
};

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_PERMIT_SERVICE_H_
