// Conversions from libpqxx fields to the proto types the stores return.
#ifndef PWIS_GIS_STORE_ROW_MAPPING_H_
#define PWIS_GIS_STORE_ROW_MAPPING_H_

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "pwis/v1/common.pb.h"
#include "pwis/v1/districts.pb.h"

namespace pwis::store {

// Sets `ts` from a field holding microseconds since the Unix epoch.
void SetTimestamp(const pqxx::field& micros, google::protobuf::Timestamp* ts);

// Microseconds since the Unix epoch of `ts`.
int64_t MicrosOf(const google::protobuf::Timestamp& ts);

// Fills `geojson` from a non-NULL field holding ST_AsGeoJSON text.
void FillGeoJson(const pqxx::field& f, google::protobuf::Struct* geojson);

// The bytes of a non-NULL field holding ST_AsBinary output.
std::string WkbBytes(const pqxx::field& f);

// Sets `range` from fields of microseconds since the Unix epoch; a NULL end
// leaves the range open. Nothing for a NULL start.
void SetTimeRange(const pqxx::field& start_us, const pqxx::field& end_us,
                  pwis::v1::TimeRange* range);

// Sets `hours` from two "HH:MM" fields; nothing when they are NULL (all day).
template <typename M>
void SetWorkingHours(const pqxx::field& start, const pqxx::field& end, M* m) {
  if (start.is_null()) return;
  m->mutable_working_hours()->set_start(start.c_str());
  m->mutable_working_hours()->set_end(end.c_str());
}

// Sets `d`'s code and names.
void SetDistrict(const pqxx::field& code, const pqxx::field& name_zh,
                 const pqxx::field& name_en, pwis::v1::District* d);

// Sets the geometry of `m` (any message with the `geometry` Struct and
// `geometry_wkb` bytes fields of pwis.v1) from a field holding
// GeometryColumn(alias, format)'s output; nothing for NULL.
template <typename M>
void SetGeometry(const pqxx::field& f, pwis::v1::GeometryFormat format, M* m) {
  if (f.is_null() || format == pwis::v1::GEOMETRY_FORMAT_NONE) return;
  if (format == pwis::v1::GEOMETRY_FORMAT_WKB) {
    m->set_geometry_wkb(WkbBytes(f));
  } else {
    FillGeoJson(f, m->mutable_geometry());
  }
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROW_MAPPING_H_
