// A parsed JSON object (google.protobuf.Struct, see json_struct.h) into a
// message by its fields' names (proto or JSON names): strings, numbers,
// booleans, enums by name, nested and repeated messages. Unknown keys and
// nulls are skipped. For the JSON the stores build in SQL: protobuf's
// JsonStringToMessage takes several times as long through its type
// resolver (see json_struct.h).
#ifndef PWIS_GIS_GEO_STRUCT_MESSAGE_H_
#define PWIS_GIS_GEO_STRUCT_MESSAGE_H_

#include <google/protobuf/message.h>
#include <google/protobuf/struct.pb.h>

#include "absl/status/status.h"

namespace pwis::geo {

// INVALID_ARGUMENT naming the key whose value does not fit its field.
absl::Status StructToMessage(const google::protobuf::Struct& in,
                             google::protobuf::Message* out);

}  // namespace pwis::geo

#endif  // PWIS_GIS_GEO_STRUCT_MESSAGE_H_
