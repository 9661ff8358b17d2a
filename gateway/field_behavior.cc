#include "gateway/field_behavior.h"

#include <google/api/field_behavior.pb.h>

namespace pwis::gateway {

bool IsRequiredField(const google::protobuf::FieldDescriptor* field) {
  const auto& options = field->options();
  for (int i = 0; i < options.ExtensionSize(google::api::field_behavior); ++i) {
    if (options.GetExtension(google::api::field_behavior, i) ==
        google::api::REQUIRED) {
      return true;
    }
  }
  return false;
}

}  // namespace pwis::gateway
