// Fast conversion of JSON text into google.protobuf.Struct / Value.
//
// protobuf's JsonStringToMessage goes through its generic type-resolver
// machinery and dominated the CPU profile of GetRoadWork (every response
// carries its geometry as a Struct). This is a small recursive-descent
// parser for RFC 8259 JSON that builds the Struct directly.
#ifndef PWIS_GIS_GEO_JSON_STRUCT_H_
#define PWIS_GIS_GEO_JSON_STRUCT_H_

#include <google/protobuf/struct.pb.h>

#include <string_view>

#include "absl/status/status.h"

namespace pwis::geo {

// Parses `json`, which must be one JSON object, into `out` (cleared first).
// INVALID_ARGUMENT on malformed input or nesting deeper than 64 levels.
absl::Status JsonToStruct(std::string_view json, google::protobuf::Struct* out);

// Parses any JSON value into `out`.
absl::Status JsonToValue(std::string_view json, google::protobuf::Value* out);

}  // namespace pwis::geo

#endif  // PWIS_GIS_GEO_JSON_STRUCT_H_
