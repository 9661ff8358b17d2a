#include "services/roadworks/roadwork_service.h"

#include "absl/strings/str_cat.h"
#include "gis/store/feature_collection.h"
#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/stream_pages.h"
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

absl::StatusOr<ListQuery> RoadWorkServiceImpl::Prepare(
    const grpc::ServerContext& context,
    const pwis::v1::ListRoadWorksRequest& request) {
  absl::StatusOr<ListQuery> query =
      ParseListRequest(request, absl::Now(), *tokens_);
  if (!query.ok()) return query.status();
  absl::StatusOr<std::string> code = ResolveDistrict(
      *districts_, query->filter.common.district_code, WaitDeadline(context));
  if (!code.ok()) return code.status();
  query->filter.common.district_code = *code;
  return query;
}

grpc::Status RoadWorkServiceImpl::ListRoadWorks(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    pwis::v1::ListRoadWorksResponse* response) {
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<store::RoadWorkPage> page =
      works_->List(query->filter, query->options, WaitDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (pwis::v1::RoadWork& w : page->items) {
    *response->add_road_works() = std::move(w);
  }
  response->set_next_page_token(
      NextPageToken(query->paging, page->next, *tokens_));
  return grpc::Status::OK;
}

grpc::Status RoadWorkServiceImpl::ExportRoadWorksGeoJson(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    google::api::HttpBody* response) {
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<store::GeoJsonPage> page = works_->ListGeoJson(
      query->filter, query->options, WaitDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  std::string token = NextPageToken(query->paging, page->next, *tokens_);
  response->set_content_type("application/geo+json");
  // OGC API Features clients follow links; others read next_page_token.
  response->set_data(
      store::FeatureCollectionJson(*page, token, NextPageUrl(*context, token)));
  return grpc::Status::OK;
}

grpc::Status RoadWorkServiceImpl::StreamRoadWorks(
    grpc::ServerContext* context, const pwis::v1::ListRoadWorksRequest* request,
    grpc::ServerWriter<pwis::v1::RoadWork>* writer) {
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
        return works_->List(query->filter, options, limit);
      });
}

}  // namespace pwis::roadworks
