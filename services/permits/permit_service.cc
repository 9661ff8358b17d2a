#include "services/permits/permit_service.h"

#include "absl/strings/ascii.h"
#include "gis/store/feature_collection.h"
#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"
#include "services/common/stream_pages.h"

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

absl::StatusOr<ListQuery> PermitServiceImpl::Prepare(
    const grpc::ServerContext& context,
    const pwis::v1::ListPermitsRequest& request) {
  absl::StatusOr<ListQuery> query =
      ParseListRequest(request, absl::Now(), *tokens_);
  if (!query.ok()) return query.status();
  absl::StatusOr<std::string> code = ResolveDistrict(
      *districts_, query->filter.common.district_code, WaitDeadline(context));
  if (!code.ok()) return code.status();
  query->filter.common.district_code = *code;
  return query;
}

grpc::Status PermitServiceImpl::ListPermits(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    pwis::v1::ListPermitsResponse* response) {
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<store::PermitPage> page =
      permits_->List(query->filter, query->options, WaitDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (pwis::v1::Permit& p : page->items) {
    *response->add_permits() = std::move(p);
  }
  response->set_next_page_token(
      NextPageToken(query->paging, page->next, *tokens_));
  return grpc::Status::OK;
}

grpc::Status PermitServiceImpl::ExportPermitsGeoJson(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    google::api::HttpBody* response) {
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<store::GeoJsonPage> page = permits_->ListGeoJson(
      query->filter, query->options, WaitDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  std::string token = NextPageToken(query->paging, page->next, *tokens_);
  response->set_content_type("application/geo+json");
  response->set_data(
      store::FeatureCollectionJson(*page, token, NextPageUrl(*context, token)));
  return grpc::Status::OK;
}

grpc::Status PermitServiceImpl::StreamPermits(
    grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
    grpc::ServerWriter<pwis::v1::Permit>* writer) {
  if (absl::Status s =
          CheckStreamRequest(request->page_size(), request->page_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  return StreamPages(
      context, writer, query->options,
      [&](const store::ListOptions& options, const store::CallLimit& limit) {
        return permits_->List(query->filter, options, limit);
      });
}

}  // namespace pwis::permits
