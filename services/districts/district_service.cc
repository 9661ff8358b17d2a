#include "services/districts/district_service.h"

#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::districts {

grpc::Status DistrictServiceImpl::LocateDistrict(
    grpc::ServerContext* context,
    const pwis::v1::LocateDistrictRequest* request,
    pwis::v1::LocateDistrictResponse* response) {
  if (absl::Status s = CheckLngLat(request->lng(), request->lat()); !s.ok()) {
    return ToGrpcStatus(s);
  }
  auto found =
      store_->Locate(request->lng(), request->lat(), WaitDeadline(*context));
  if (!found.ok()) return ToGrpcStatus(found.status());
  *response = std::move(*found);
  return grpc::Status::OK;
}

grpc::Status DistrictServiceImpl::ListDistricts(
    grpc::ServerContext* context, const pwis::v1::ListDistrictsRequest* request,
    pwis::v1::ListDistrictsResponse* response) {
  auto list = store_->List(request->include_geometry(), WaitDeadline(*context));
  if (!list.ok()) return ToGrpcStatus(list.status());
  for (auto& d : *list) *response->add_districts() = std::move(d);
  return grpc::Status::OK;
}

grpc::Status DistrictServiceImpl::ExportDistrictsGeoJson(
    grpc::ServerContext* context,
    const pwis::v1::ExportDistrictsGeoJsonRequest*,
    google::api::HttpBody* response) {
  auto json = store_->ListGeoJson(WaitDeadline(*context));
  if (!json.ok()) return ToGrpcStatus(json.status());
  response->set_content_type("application/geo+json");
  response->set_data(std::move(*json));
  return grpc::Status::OK;
}

}  // namespace pwis::districts
