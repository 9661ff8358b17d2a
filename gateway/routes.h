// HTTP routes derived from the google.api.http rules in service
// descriptors, validated once at start-up.
#ifndef PWIS_GATEWAY_ROUTES_H_
#define PWIS_GATEWAY_ROUTES_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/path_template.h"

namespace pwis::gateway {

// One HTTP binding of one RPC (a rule or one of its additional_bindings).
struct Route {
  std::string http_method;  // "GET", "POST", ... or a custom kind.
  PathTemplate path;
  const google::protobuf::MethodDescriptor* method;
  // "" (no body), "*" (the whole request) or a top-level request field.
  std::string body;
  // "" (the whole response) or a top-level response field.
  std::string response_body;
  // The gRPC method path, "/pkg.Service/Method", computed once here.
  std::string grpc_method;
};

// Reads and checks every rule of `services`. Returns INVALID_ARGUMENT listing
// every problem found (unknown, repeated or message path fields, unknown
// body or response_body fields, a body on GET or DELETE, malformed
// templates, nested additional_bindings, client-streaming methods). Methods
// without a rule get no route.
absl::StatusOr<std::vector<Route>> LoadRoutes(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_ROUTES_H_
