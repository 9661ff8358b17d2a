// Fills a request message from the parts of an HTTP request, as
// grpc-gateway does: path variables, query parameters and the JSON body.
//
// Query parameters name fields by dotted path, each component by its proto
// name or its JSON name ("page_size" or "pageSize", "inner.name"). Repeated
// fields take one value per occurrence. Scalars parse from text; enums by
// name or number; bytes as base64 (standard or URL-safe);
// google.protobuf.Timestamp as RFC 3339, Duration as "1.5s", wrappers by
// their value, FieldMask as comma-separated paths. Unlike grpc-gateway,
// unknown parameters are an error (INVALID_ARGUMENT naming them), and a
// field bound by the path cannot be set again by a parameter.
#ifndef PWIS_GATEWAY_REQUEST_BINDING_H_
#define PWIS_GATEWAY_REQUEST_BINDING_H_

#include <google/protobuf/message.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/path_template.h"

namespace pwis::gateway {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Splits a query string ("a=1&b=x+y&c") into decoded name/value pairs ('+'
// is a space; a name without '=' has an empty value). INVALID_ARGUMENT on
// malformed percent-escapes.
absl::StatusOr<QueryParams> ParseQueryString(absl::string_view query);

// Sets the field at dotted `path` (proto or JSON names) from `text`,
// appending for repeated fields. `param` names the source in errors.
absl::Status SetFieldFromText(google::protobuf::Message* message,
                              absl::string_view path, absl::string_view text,
                              absl::string_view param);

// Applies path bindings, then query parameters. A body that set a path
// field to another value is refused (INVALID_ARGUMENT naming the field),
// the same value is accepted. Parameters named in `reserved` (the gateway's own, such
// as "pretty") are skipped. `body` is the rule's body: with "*" no query
// parameter is accepted, with a field none may set that field.
absl::Status BindPathAndQuery(
    google::protobuf::Message* message,
    const std::vector<PathTemplate::Binding>& path_bindings,
    const QueryParams& query, const std::set<std::string>& reserved,
    absl::string_view body = "");

// Merges the JSON `body` (one UTF-8 JSON value) into the request: into the
// whole message when `body_field` is "*", into that top-level field
// otherwise. Both proto and JSON field names are accepted; unknown fields
// are an error. Call before BindPathAndQuery.
absl::Status BindBody(google::protobuf::Message* message,
                      const std::string& body_field, absl::string_view body);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_REQUEST_BINDING_H_
