// The leading comments of proto elements, read from a FileDescriptorSet
// written with source info (generated descriptors carry no comments). Used
// as the descriptions of the OpenAPI document. Immutable; thread-safe.
#ifndef PWIS_GATEWAY_PROTO_COMMENTS_H_
#define PWIS_GATEWAY_PROTO_COMMENTS_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"

namespace pwis::gateway {

class ProtoComments {
 public:
  ProtoComments() = default;
  // Unparsable input gives no comments (descriptions are optional).
  static ProtoComments Parse(absl::string_view descriptor_set);

  // The comment of a message, enum, service, method ("pkg.Service.Method"),
  // field ("pkg.Message.field") or enum value ("pkg.Enum.VALUE"); empty if
  // there is none. Lines are joined with '\n', their leading space removed.
  std::string Of(const std::string& full_name) const;

 private:
  std::map<std::string, std::string> by_name_;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_PROTO_COMMENTS_H_
