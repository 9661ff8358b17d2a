// pwis.v1.DistrictService: districts and villages of the city.
#ifndef PWIS_SERVICES_DISTRICTS_DISTRICT_SERVICE_H_
#define PWIS_SERVICES_DISTRICTS_DISTRICT_SERVICE_H_

#include "gis/store/districts_store.h"
#include "pwis/v1/districts.grpc.pb.h"

namespace pwis::districts {

class DistrictServiceImpl final : public pwis::v1::DistrictService::Service {
 public:
  // `store` must outlive the service.
  explicit DistrictServiceImpl(store::DistrictsStore* store) : store_(store) {}

  grpc::Status LocateDistrict(
      grpc::ServerContext* context,
      const pwis::v1::LocateDistrictRequest* request,
      pwis::v1::LocateDistrictResponse* response) override;

  grpc::Status ListDistricts(
      grpc::ServerContext* context,
      const pwis::v1::ListDistrictsRequest* request,
      pwis::v1::ListDistrictsResponse* response) override;

  grpc::Status ExportDistrictsGeoJson(
      grpc::ServerContext* context,
      const pwis::v1::ExportDistrictsGeoJsonRequest* request,
      google::api::HttpBody* response) override;

 private:
  store::DistrictsStore* store_;
};

}  // namespace pwis::districts

#endif  // PWIS_SERVICES_DISTRICTS_DISTRICT_SERVICE_H_
