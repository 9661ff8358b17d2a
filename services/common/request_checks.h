// Checks every request message gets before its service reads it, whatever
// its domain, so that no domain can forget them:
//  - no string holds NUL (libpq ends a text there: a filter would be
//    silently cut short or dropped);
//  - every enum field holds a value its enum defines;
//  - every Timestamp and Duration lies in its type's range;
//  - every field marked (google.api.field_behavior) = REQUIRED is set.
#ifndef PWIS_SERVICES_COMMON_REQUEST_CHECKS_H_
#define PWIS_SERVICES_COMMON_REQUEST_CHECKS_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "services/common/grpc_util.h"

namespace pwis {

// OK, or INVALID_ARGUMENT naming the first offending field by its dotted
// proto path ("window_start", "status[2]").
absl::Status CheckRequest(const google::protobuf::Message& request);

// The status a client may see for `status`, the outcome of a call on
// `context`. Errors that carry text from below the service (INTERNAL,
// UNKNOWN, DATA_LOSS, UNAVAILABLE: PostgreSQL's or libpq's messages) are
// logged in full on stderr with the call's request id and replaced by a
// generic message naming that id; the id also goes back as trailing
// metadata "x-request-id". The request id is the caller's "x-request-id"
// metadata (the JSON front sends its own) or a new one.
grpc::Status PublicStatus(grpc::ServerContext& context, grpc::Status status);

// Runs `handler` (returning grpc::Status) between CheckRequest and
// PublicStatus: what the AsyncDispatcher does for unary calls, for the
// handlers that run outside it (server streams).
template <typename Handler>
grpc::Status CheckedCall(grpc::ServerContext& context,
                         const google::protobuf::Message& request,
                         Handler&& handler) {
  grpc::Status status = ToGrpcStatus(CheckRequest(request));
  if (status.ok()) status = handler();
  return PublicStatus(context, std::move(status));
}

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_REQUEST_CHECKS_H_
