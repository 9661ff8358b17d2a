// pwis.v1.RoadWorkService: validates requests, reads the store, answers.
#ifndef PWIS_SERVICES_ROADWORKS_ROADWORK_SERVICE_H_
#define PWIS_SERVICES_ROADWORKS_ROADWORK_SERVICE_H_

#include "gis/store/districts_store.h"
#include "gis/store/roadworks_store.h"
#include "pwis/v1/roadworks.grpc.pb.h"
#include "services/common/list_methods.h"
#include "services/common/page_token.h"
#include "services/roadworks/list_request.h"

namespace pwis::roadworks {

class RoadWorkServiceImpl final : public pwis::v1::RoadWorkService::Service {
 public:
  // The stores and codec must outlive the service.
  RoadWorkServiceImpl(store::RoadWorksStore* works,
                      store::DistrictsStore* districts,
                      const PageTokenCodec* tokens)
      : works_(works), lists_(&ParseListRequest, works, districts, tokens) {}

  grpc::Status GetRoadWork(grpc::ServerContext* context,
                           const pwis::v1::GetRoadWorkRequest* request,
                           pwis::v1::RoadWork* response) override;

  grpc::Status ListRoadWorks(
      grpc::ServerContext* context,
      const pwis::v1::ListRoadWorksRequest* request,
      pwis::v1::ListRoadWorksResponse* response) override;

  grpc::Status ExportRoadWorksGeoJson(
      grpc::ServerContext* context,
      const pwis::v1::ListRoadWorksRequest* request,
      google::api::HttpBody* response) override;

  grpc::Status StreamRoadWorks(
      grpc::ServerContext* context,
      const pwis::v1::ListRoadWorksRequest* request,
      grpc::ServerWriter<pwis::v1::RoadWork>* writer) override;

 private:
  store::RoadWorksStore* works_;
  ListMethods<pwis::v1::ListRoadWorksRequest, ListQuery, store::RoadWorksStore>
      lists_;
};

}  // namespace pwis::roadworks

#endif  // PWIS_SERVICES_ROADWORKS_ROADWORK_SERVICE_H_
