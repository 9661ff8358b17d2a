// Conversions from libpqxx fields to the proto types the stores return.
#ifndef PWIS_GIS_STORE_ROW_MAPPING_H_
#define PWIS_GIS_STORE_ROW_MAPPING_H_

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

namespace pwis::store {

// Sets `ts` from a field holding microseconds since the Unix epoch.
void SetTimestamp(const pqxx::field& micros, google::protobuf::Timestamp* ts);

// Microseconds since the Unix epoch of `ts`.
int64_t MicrosOf(const google::protobuf::Timestamp& ts);

// Fills `geojson` from a non-NULL field holding ST_AsGeoJSON text.
void FillGeoJson(const pqxx::field& f, google::protobuf::Struct* geojson);

// The bytes of a non-NULL field holding ST_AsBinary output.
std::string WkbBytes(const pqxx::field& f);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROW_MAPPING_H_
