#include "gis/store/row_mapping.h"

#include <stdexcept>

#include "gis/geo/json_struct.h"

namespace pwis::store {

void SetTimestamp(const pqxx::field& micros, google::protobuf::Timestamp* ts) {
  int64_t us = micros.as<int64_t>();
  int64_t s = us / 1000000;
  int64_t rem = us % 1000000;
  if (rem < 0) {  // Floor division for instants before 1970.
    rem += 1000000;
    --s;
  }
  ts->set_seconds(s);
  ts->set_nanos(static_cast<int32_t>(rem * 1000));
}

int64_t MicrosOf(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

std::string WkbBytes(const pqxx::field& f) {
  return pqxx::binarystring(f).str();
}

void FillGeoJson(const pqxx::field& f, google::protobuf::Struct* geojson) {
  absl::Status status =
      geo::JsonToStruct(std::string_view(f.c_str(), f.size()), geojson);
  if (!status.ok()) {
    throw std::runtime_error("unparsable GeoJSON from the database: " +
                             status.ToString());
  }
}

void SetTimeRange(const pqxx::field& start_us, const pqxx::field& end_us,
                  pwis::v1::TimeRange* range) {
  if (start_us.is_null()) return;
  SetTimestamp(start_us, range->mutable_start_time());
  if (!end_us.is_null()) SetTimestamp(end_us, range->mutable_end_time());
}

CommonColumnIndex::CommonColumnIndex(const pqxx::result& r)
    : road_names(r.column_number("road_names")),
      district_code(r.column_number("district_code")),
      district_zh(r.column_number("district_zh")),
      district_en(r.column_number("district_en")),
      start_us(r.column_number("start_us")),
      end_us(r.column_number("end_us")),
      work_start(r.column_number("work_start")),
      work_end(r.column_number("work_end")),
      source(r.column_number("source")),
      source_key(r.column_number("source_key")),
      created_us(r.column_number("created_us")),
      updated_us(r.column_number("updated_us")),
      deleted_us(r.column_number("deleted_us")),
      geom(r.column_number("geom_out")) {}

void SetDistrict(const pqxx::field& code, const pqxx::field& name_zh,
                 const pqxx::field& name_en, pwis::v1::District* d) {
  d->set_code(code.c_str());
  d->mutable_name()->set_zh_tw(name_zh.c_str());
  d->mutable_name()->set_en(name_en.c_str());
}

}  // namespace pwis::store
