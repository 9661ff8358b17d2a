// Command-line flags of the JSON front, shared by pwis-server (in-process
// front) and pwis-gateway (standalone): limits, threads, CORS, logging,
// call deadline, the Swagger UI directory and the trusted proxies.
#ifndef PWIS_GATEWAY_HTTP_FLAGS_H_
#define PWIS_GATEWAY_HTTP_FLAGS_H_

#include "gateway/gateway.h"
#include "gateway/http_server.h"

namespace pwis::gateway {

// Threads and limits from the --http_* flags; address and port are the
// caller's.
HttpServerOptions HttpServerOptionsFromFlags();

// Access log, CORS origins, default deadline, Swagger UI directory.
GatewayOptions GatewayOptionsFromFlags();

// --trusted_proxies (env PWIS_TRUSTED_PROXIES); INVALID_ARGUMENT naming
// an entry that is no address or network.
absl::StatusOr<TrustedProxies> TrustedProxiesFromFlags();

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_FLAGS_H_
