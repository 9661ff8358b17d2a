#include "services/roadworks/roadwork_service.h"

#include "absl/strings/str_cat.h"
#include "gis/store/feature_collection.h"
#include "services/common/district_filter.h"
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

absl::StatusOr<ListQuery> RoadWorkServiceImpl::Prepare(
    const grpc::ServerContext& context,
    const pwis::v1::ListRoadWorksRequest& request) {
  absl::StatusOr<ListQuery> query =
      ParseListRequest(request, absl::Now(), *tokens_);
  if (!query.ok()) return query.status();
  absl::StatusOr<std::string> code = ResolveDistrict(
      *districts_, query->filter.district_code, WaitDeadline(context));
  if (!code.ok()) return code.status();
  query->filter.district_code = *code;
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
  if (request->page_size() != 0) {
    return ToGrpcStatus(
        InvalidField("page_size", "a stream is not paged; leave it unset"));
  }
  if (!request->page_token().empty()) {
    return ToGrpcStatus(
        InvalidField("page_token", "a stream is not paged; leave it unset"));
  }
  absl::StatusOr<ListQuery> query = Prepare(*context, *request);
  if (!query.ok()) return ToGrpcStatus(query.status());
  // Keyset batches: each is a short query (no transaction held open for
  // the whole stream), and the fixed filter (including a resolved "now")
  // keeps the batches one consistent ordering without gaps or repeats.
  query->options.limit = kMaxPageSize;
  for (;;) {
    // A stream runs on gRPC's synchronous API, where IsCancelled() may be
    // asked from any thread: a client that leaves stops the batch's query.
    store::CallLimit limit(WaitDeadline(*context),
                           [context] { return context->IsCancelled(); });
    absl::StatusOr<store::RoadWorkPage> page =
        works_->List(query->filter, query->options, limit);
    if (!page.ok()) return ToGrpcStatus(page.status());
    for (const pwis::v1::RoadWork& w : page->items) {
      if (!writer->Write(w)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
      }
    }
    if (!page->next) return grpc::Status::OK;
    query->options.after = page->next;
  }
}

}  // namespace pwis::roadworks
