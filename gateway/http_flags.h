// Command-line flags of the JSON front, shared by pwis-server (in-process
// front) and pwis-gateway (standalone): limits, threads, CORS, logging,
// call deadline and the Swagger UI directory.
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

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_HTTP_FLAGS_H_
