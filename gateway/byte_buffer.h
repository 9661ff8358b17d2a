// The bytes of a grpc::ByteBuffer as one string (the buffer is not
// consumed): for wire bytes that are parsed, printed or used as a key.
#ifndef PWIS_GATEWAY_BYTE_BUFFER_H_
#define PWIS_GATEWAY_BYTE_BUFFER_H_

#include <grpcpp/support/byte_buffer.h>

#include <string>
#include <vector>

namespace pwis::gateway {

inline std::string BufferBytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  buffer.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_BYTE_BUFFER_H_
