// Conversions from libpqxx fields to the proto types the stores return.
#ifndef PWIS_GIS_STORE_ROW_MAPPING_H_
#define PWIS_GIS_STORE_ROW_MAPPING_H_

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <pqxx/pqxx>

#include "pwis/v1/common.pb.h"

namespace pwis::store {

// Sets `ts` from a field holding microseconds since the Unix epoch.
void SetTimestamp(const pqxx::field& micros, google::protobuf::Timestamp* ts);

// Microseconds since the Unix epoch of `ts`.
int64_t MicrosOf(const google::protobuf::Timestamp& ts);

// Fills `geometry` from a non-NULL field (see SetGeometry).
void FillGeometry(const pqxx::field& f, pwis::v1::GeometryFormat format,
                  pwis::v1::Geometry* geometry);

// Fills the geometry `mutable_geometry()` returns from a field holding
// ST_AsGeoJSON text (GEOJSON) or ST_AsBinary bytes (WKB); calls nothing for
// NONE or NULL, so the message's geometry stays unset.
template <typename Message>
void SetGeometry(const pqxx::field& f, pwis::v1::GeometryFormat format,
                 Message* m) {
  if (f.is_null() || format == pwis::v1::GEOMETRY_FORMAT_NONE) return;
  FillGeometry(f, format, m->mutable_geometry());
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROW_MAPPING_H_
