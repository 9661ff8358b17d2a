// The list-style RPCs every domain serves the same way: a filtered, paged
// List; the same selection as a GeoJSON FeatureCollection; and an unpaged
// Stream. A domain supplies its request parser and store:
//
//   Query  ParseListRequest(const Request&, absl::Time now,
//                           const PageTokenCodec&)  → StatusOr<Query>,
//          where Query has filter.common, options and paging;
//   Store  List(filter, options, limit) → StatusOr<store::Page<Item>>,
//          ListGeoJson(filter, options, limit) → StatusOr<GeoJsonPage>.
#ifndef PWIS_SERVICES_COMMON_LIST_METHODS_H_
#define PWIS_SERVICES_COMMON_LIST_METHODS_H_

#include <google/api/httpbody.pb.h>
#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "gis/store/districts_store.h"
#include "gis/store/feature_collection.h"
#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"
#include "services/common/page_token.h"
#include "services/common/stream_pages.h"

namespace pwis {

template <typename Request, typename Query, typename Store>
class ListMethods {
 public:
  using Parse = absl::StatusOr<Query> (*)(const Request&, absl::Time,
                                          const PageTokenCodec&);
  // Everything must outlive this.
  ListMethods(Parse parse, Store* store, store::DistrictsStore* districts,
              const PageTokenCodec* tokens)
      : parse_(parse), store_(store), districts_(districts), tokens_(tokens) {}

  // The query of `request`, its district key resolved to a code.
  absl::StatusOr<Query> Prepare(const grpc::ServerContext& context,
                                const Request& request) const {
    absl::StatusOr<Query> query = parse_(request, absl::Now(), *tokens_);
    if (!query.ok()) return query.status();
    std::string& district = query->filter.common.district_code;
    absl::StatusOr<std::string> code =
        ResolveDistrict(*districts_, district, WaitDeadline(context));
    if (!code.ok()) return code.status();
    district = *code;
    return query;
  }

  // One page: `add(item)` moves each item into the response, whose
  // next_page_token is set.
  template <typename Response, typename Add>
  grpc::Status List(grpc::ServerContext* context, const Request& request,
                    Response* response, Add&& add) const {
    absl::StatusOr<Query> query = Prepare(*context, request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    auto page =
        store_->List(query->filter, query->options, WaitDeadline(*context));
    if (!page.ok()) return ToGrpcStatus(page.status());
    for (auto& item : page->items) add(std::move(item));
    response->set_next_page_token(
        NextPageToken(query->paging, page->next, *tokens_));
    return grpc::Status::OK;
  }

  // The page as application/geo+json; over HTTP with the OGC API Features
  // "next" link.
  grpc::Status ExportGeoJson(grpc::ServerContext* context,
                             const Request& request,
                             google::api::HttpBody* response) const {
    absl::StatusOr<Query> query = Prepare(*context, request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    absl::StatusOr<store::GeoJsonPage> page = store_->ListGeoJson(
        query->filter, query->options, WaitDeadline(*context));
    if (!page.ok()) return ToGrpcStatus(page.status());
    std::string token = NextPageToken(query->paging, page->next, *tokens_);
    response->set_content_type("application/geo+json");
    response->set_data(store::FeatureCollectionJson(
        *page, token, NextPageUrl(*context, token)));
    return grpc::Status::OK;
  }

  // The whole selection, in list order (see StreamPages).
  template <typename Item>
  grpc::Status Stream(grpc::ServerContext* context, const Request& request,
                      grpc::ServerWriter<Item>* writer) const {
    if (absl::Status s =
            CheckStreamRequest(request.page_size(), request.page_token());
        !s.ok()) {
      return ToGrpcStatus(s);
    }
    absl::StatusOr<Query> query = Prepare(*context, request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    return StreamPages(
        context, writer, query->options,
        [&](const store::ListOptions& options, const store::CallLimit& limit) {
          return store_->List(query->filter, options, limit);
        });
  }

 private:
  Parse parse_;
  Store* store_;
  store::DistrictsStore* districts_;
  const PageTokenCodec* tokens_;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_LIST_METHODS_H_
