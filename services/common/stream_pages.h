// A server stream over a keyset-paged list: the whole selection, written
// in batches of kMaxPageSize, each batch a short query of its own (no
// transaction held open for the whole stream). The list's fixed filter
// (with a resolved "now") keeps the batches one consistent ordering
// without gaps or repeats.
#ifndef PWIS_SERVICES_COMMON_STREAM_PAGES_H_
#define PWIS_SERVICES_COMMON_STREAM_PAGES_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/list_types.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis {

// A stream is not paged: page_size and page_token must be unset.
absl::Status CheckStreamRequest(int32_t page_size,
                                const std::string& page_token);

// Writes every item `fetch(options, limit)` lists (a
// StatusOr<store::Page<Item>>), page after page from `options`. Streams
// run on gRPC's synchronous API, where IsCancelled() may be asked from any
// thread: a client that leaves stops the running batch's query.
template <typename Item, typename Fetch>
grpc::Status StreamPages(grpc::ServerContext* context,
                         grpc::ServerWriter<Item>* writer,
                         store::ListOptions options, Fetch&& fetch) {
  options.limit = kMaxPageSize;
  for (;;) {
    store::CallLimit limit(WaitDeadline(*context),
                           [context] { return context->IsCancelled(); });
    absl::StatusOr<store::Page<Item>> page = fetch(options, limit);
    if (!page.ok()) return ToGrpcStatus(page.status());
    for (const Item& item : page->items) {
      if (!writer->Write(item)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
      }
    }
    if (!page->next) return grpc::Status::OK;
    options.after = page->next;
  }
}

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_STREAM_PAGES_H_
