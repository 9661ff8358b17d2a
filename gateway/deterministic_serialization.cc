#include "gateway/deterministic_serialization.h"

#include <google/protobuf/io/coded_stream.h>

// protobuf keeps the process-wide switch private and befriends this one
// function for whoever needs it ("Other projects may use friend to allow
// them to call this", io/coded_stream.h); libprotobuf does not define it.
namespace google::protobuf::internal {
void MapTestForceDeterministic() {
  io::CodedOutputStream::SetDefaultSerializationDeterministic();
}
}  // namespace google::protobuf::internal

namespace pwis::gateway {

void UseDeterministicSerialization() {
  google::protobuf::internal::MapTestForceDeterministic();
}

}  // namespace pwis::gateway
