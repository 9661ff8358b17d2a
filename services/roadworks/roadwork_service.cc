#include "services/roadworks/roadwork_service.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"
#include "services/roadworks/list_request.h"

namespace pwis::roadworks {

grpc::Status RoadWorkServiceImpl::GetRoadWork(
    grpc::ServerContext* context, const pwis::v1::GetRoadWorkRequest* request,
    pwis::v1::RoadWork* response) {
  if (request->id() <= 0) {
    return ToGrpcStatus(InvalidField("id", "must be a positive integer"));
  }
  absl::StatusOr<pwis::v1::RoadWork> work = works_->Get(
      request->id(), request->geometry_format(), WaitDeadline(*context));
  if (!work.ok()) return ToGrpcStatus(work.status());
  *response = std::move(*work);
  return grpc::Status::OK;
}

grpc::Status RoadWorkServiceImpl::ListRoadWorks(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    pwis::v1::ListRoadWorksResponse* response) {
  return lists_.List(context, *request, response, [&](pwis::v1::RoadWork&& x) {
    *response->add_road_works() = std::move(x);
  });
}

grpc::Status RoadWorkServiceImpl::ExportRoadWorksGeoJson(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    google::api::HttpBody* response) {
  return lists_.ExportGeoJson(context, *request, response);
}

grpc::Status RoadWorkServiceImpl::StreamRoadWorks(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    grpc::ServerWriter<pwis::v1::RoadWork>* writer) {
  return lists_.Stream(context, *request, writer);
}

}  // namespace pwis::roadworks
