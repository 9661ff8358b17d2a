// The OpenAPI 3 description of the JSON front, generated from the same
// routes (google.api.http rules) and message descriptors the gateway
// serves, so it cannot drift from the API.
//
// Paths use the rule templates ({field} parameters; a multi-segment
// variable such as {name=things/**} becomes {name} marked
// x-multi-segment). Query parameters are the request's fields not bound by
// the path or body, by JSON name, nested messages as dotted names (a
// recursive message is followed once). Schemas follow the proto3 JSON
// mapping: 64-bit integers as strings, enums as their names, well-known
// types as their JSON forms. Every operation documents the
// google.rpc.Status error body; streams document both framings.
#ifndef PWIS_GATEWAY_OPENAPI_H_
#define PWIS_GATEWAY_OPENAPI_H_

#include <string>
#include <vector>

#include "gateway/proto_comments.h"
#include "gateway/routes.h"

namespace pwis::gateway {

struct OpenApiInfo {
  std::string title;
  std::string version;
  std::string description;
};

// The document as JSON text; `comments` give the descriptions.
std::string OpenApiJson(const std::vector<Route>& routes,
                        const OpenApiInfo& info,
                        const ProtoComments& comments = ProtoComments());

// The OpenAPI form of a route's path: "/v1/roadworks/{id}",
// "/v1/roadworks:geojson".
std::string OpenApiPath(const PathTemplate& path);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_OPENAPI_H_
