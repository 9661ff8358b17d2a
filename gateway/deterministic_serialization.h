// Process-wide deterministic protobuf serialization (map entries sorted by
// key). Without it a google.protobuf.Struct, such as a GeoJSON geometry,
// serializes, and so prints as JSON, in a per-instance hash order: the same
// road work would give different bytes on every request, and ETags would
// never match.
#ifndef PWIS_GATEWAY_DETERMINISTIC_SERIALIZATION_H_
#define PWIS_GATEWAY_DETERMINISTIC_SERIALIZATION_H_

namespace pwis::gateway {

// Call once at start-up, before serving; idempotent.
void UseDeterministicSerialization();

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_DETERMINISTIC_SERIALIZATION_H_
