// gRPC status ↔ HTTP status, and google.rpc.Status JSON error bodies.
#ifndef PWIS_GATEWAY_HTTP_STATUS_H_
#define PWIS_GATEWAY_HTTP_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

namespace pwis::gateway {

// The HTTP status grpc-gateway uses for a gRPC code (OK 200, CANCELLED 499,
// INVALID_ARGUMENT 400, NOT_FOUND 404, UNAVAILABLE 503, ...).
int HttpStatusFromGrpc(grpc::StatusCode code);

// A google.rpc.Status JSON object: {"code":N,"message":"...","details":[]}.
std::string StatusJson(grpc::StatusCode code, const std::string& message);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_STATUS_H_
