#include "services/permits/permit_service.h"

#include "absl/strings/ascii.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::permits {

grpc::Status PermitServiceImpl::GetPermit(
    grpc::ServerContext* context, const pwis::v1::GetPermitRequest* request,
    pwis::v1::Permit* response) {
  absl::StatusOr<std::string> no =
      ParseTextFilter(request->permit_no(), "permit_no");
  if (!no.ok()) return ToGrpcStatus(no.status());
  if (no->empty()) {
    return ToGrpcStatus(InvalidField("permit_no", "required"));
  }
  if (absl::Status s = CheckGeometryFormat(request->geometry_format());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<pwis::v1::Permit> permit =
      permits_->Get(*no, request->geometry_format(), WaitDeadline(*context));
  if (!permit.ok()) return ToGrpcStatus(permit.status());
  *response = std::move(*permit);
  return grpc::Status::OK;
}

grpc::Status PermitServiceImpl::ListPermits(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    pwis::v1::ListPermitsResponse* response) {
  return lists_.List(context, *request, response, [&](pwis::v1::Permit&& x) {
    *response->add_permits() = std::move(x);
  });
}

grpc::Status PermitServiceImpl::ExportPermitsGeoJson(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    google::api::HttpBody* response) {
  return lists_.ExportGeoJson(context, *request, response);
}

grpc::Status PermitServiceImpl::StreamPermits(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    grpc::ServerWriter<pwis::v1::Permit>* writer) {
  return lists_.Stream(context, *request, writer);
}

}  // namespace pwis::permits
