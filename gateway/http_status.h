// gRPC status ↔ HTTP status, and google.rpc.Status JSON error bodies.
#ifndef PWIS_GATEWAY_HTTP_STATUS_H_
#define PWIS_GATEWAY_HTTP_STATUS_H_

#include <google/rpc/status.pb.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace pwis::gateway {

// The HTTP status grpc-gateway uses for a gRPC code (OK 200, CANCELLED 499,
// INVALID_ARGUMENT 400, NOT_FOUND 404, UNAVAILABLE 503, ...).
int HttpStatusFromGrpc(grpc::StatusCode code);

// A google.rpc.Status JSON object: {"code":N,"message":"...","details":[]},
// the details printed from `details` when given (each Any by the proto3
// JSON mapping, or just its "@type" if this binary does not know the type).
std::string StatusJson(grpc::StatusCode code, const std::string& message,
                       const google::rpc::Status* details = nullptr);

// The details of a gRPC error (its grpc-status-details-bin), if any.
std::optional<google::rpc::Status> DetailsOf(const grpc::Status& status);

// An absl::Status's payloads as google.rpc.Status details.
google::rpc::Status DetailsOf(const absl::Status& status);

// Attaches a google.rpc.BadRequest naming `fields` (each with `why`) to
// `status` as a payload (see DetailsOf).
void AddFieldViolations(
    absl::Status& status,
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_STATUS_H_
