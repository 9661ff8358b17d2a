// JSON text straight into a message by its fields' names (proto or JSON
// names): strings, numbers, booleans, enums by name, nested and repeated
// messages, and google.protobuf.Struct / Value / ListValue fields as any
// JSON. Unknown keys and nulls are skipped; a repeated key replaces what
// the earlier one set. For the documents the stores build in SQL:
// protobuf's JsonStringToMessage goes through its type resolver, and a
// Struct in between costs a map node and a Value per key (together most of
// a ListProjects call's CPU).
#ifndef PWIS_GIS_GEO_JSON_MESSAGE_H_
#define PWIS_GIS_GEO_JSON_MESSAGE_H_

#include <google/protobuf/message.h>

#include <string_view>

#include "absl/status/status.h"

namespace pwis::geo {

// `json` must be one object; its fields are merged into `out`.
// INVALID_ARGUMENT on malformed JSON (with the byte offset) or naming the
// field whose value does not fit it.
absl::Status JsonToMessage(std::string_view json,
                           google::protobuf::Message* out);

}  // namespace pwis::geo

#endif  // PWIS_GIS_GEO_JSON_MESSAGE_H_
