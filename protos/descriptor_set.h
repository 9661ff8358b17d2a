// The protos of protos/ as a serialized google.protobuf.FileDescriptorSet
// with source info, i.e. with their comments: the generated descriptors
// drop comments, and the OpenAPI document wants them as descriptions.
#ifndef PWIS_PROTOS_DESCRIPTOR_SET_H_
#define PWIS_PROTOS_DESCRIPTOR_SET_H_

#include "absl/strings/string_view.h"

namespace pwis::protos {

absl::string_view DescriptorSetWithComments();

}  // namespace pwis::protos

#endif  // PWIS_PROTOS_DESCRIPTOR_SET_H_
