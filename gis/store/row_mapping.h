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

// Adds the names of a field holding array_to_string(road_names, E'\x1f').
template <typename M>
void SetRoadNames(const pqxx::field& joined, M* m) {
  std::string names = joined.c_str();
  if (names.empty()) return;
  size_t from = 0;
  for (;;) {
    size_t at = names.find('\x1f', from);
    m->add_road_names(names.substr(from, at - from));
    if (at == std::string::npos) break;
    from = at + 1;
  }
}

// Sets the provenance and record times every pwis record carries (source,
// source_key, create_time, update_time, delete_time) from the columns of
// the same names (times as *_us microseconds: created_us, updated_us,
// deleted_us) that `Columns` located.
template <typename M, typename Columns>
void SetRecordFields(const pqxx::row& row, const Columns& c, M* m) {
  m->set_source(row[c.source].c_str());
  m->set_source_key(row[c.source_key].c_str());
  SetTimestamp(row[c.created_us], m->mutable_create_time());
  SetTimestamp(row[c.updated_us], m->mutable_update_time());
  if (!row[c.deleted_us].is_null()) {
    SetTimestamp(row[c.deleted_us], m->mutable_delete_time());
  }
}

// The columns CommonColumns(alias) selects, located in a result once.
struct CommonColumnIndex {
  explicit CommonColumnIndex(const pqxx::result& r);
  pqxx::row::size_type road_names, district_code, district_zh, district_en,
      start_us, end_us, work_start, work_end, source, source_key, created_us,
      updated_us, deleted_us, geom;
};

// Sets what every listed record has from CommonColumns: road names,
// district, period, working hours, provenance and record times, and the
// geometry in `format`.
template <typename M>
void SetCommonFields(const pqxx::row& row, const CommonColumnIndex& c,
                     pwis::v1::GeometryFormat format, M* m);

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

template <typename M>
void SetCommonFields(const pqxx::row& row, const CommonColumnIndex& c,
                     pwis::v1::GeometryFormat format, M* m) {
  SetRoadNames(row[c.road_names], m);
  if (*row[c.district_code].c_str() != '\0') {
    SetDistrict(row[c.district_code], row[c.district_zh], row[c.district_en],
                m->mutable_district());
  }
  if (!row[c.start_us].is_null()) {  // Projects not yet contracted have none.
    SetTimeRange(row[c.start_us], row[c.end_us], m->mutable_period());
  }
  SetWorkingHours(row[c.work_start], row[c.work_end], m);
  SetRecordFields(row, c, m);
  SetGeometry(row[c.geom], format, m);
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROW_MAPPING_H_
