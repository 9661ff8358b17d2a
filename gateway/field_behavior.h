// Reading (google.api.field_behavior) from descriptors: the one place that
// knows how a field is marked REQUIRED, for the OpenAPI document and the
// server's request checks alike.
#ifndef PWIS_GATEWAY_FIELD_BEHAVIOR_H_
#define PWIS_GATEWAY_FIELD_BEHAVIOR_H_

#include <google/protobuf/descriptor.h>

namespace pwis::gateway {

// True if `field` carries (google.api.field_behavior) = REQUIRED.
bool IsRequiredField(const google::protobuf::FieldDescriptor* field);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_FIELD_BEHAVIOR_H_
