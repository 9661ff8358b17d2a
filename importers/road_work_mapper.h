// A source record → a road-works row, by a profile: fields read and
// normalised, dates parsed, the geometry brought to WGS84 and checked.
#ifndef PWIS_IMPORTERS_ROAD_WORK_MAPPER_H_
#define PWIS_IMPORTERS_ROAD_WORK_MAPPER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "importers/crs.h"
#include "importers/ogr_source.h"
#include "importers/profile.pb.h"

namespace pwis::importers {

// Why a record was not loaded: the target field (or "geometry") and the
// reason, for the reject file.
struct Reject {
  std::string field;
  std::string reason;
};

struct RoadWorkRow {
  std::string source_key;
  std::string permit_number;
  std::string title;
  std::string description;
  std::vector<std::string> road_names;
  absl::Time start;
  std::optional<absl::Time> end;     // exclusive; none: open-ended
  std::string status;                // a road_work_status value
  std::string work_start, work_end;  // daily hours "HH:MM:SS", or both empty
  int lanes_closed = 0, lanes_total = 0;
  bool full_closure = false, sidewalk_affected = false,
       bike_lane_affected = false, parking_affected = false;
  std::string organiser;
  std::string contractor;
  std::string contact_phone;     // the contractor's public phone
  std::string restricted_phone;  // a personal one: stored, never served
  std::string wkb_hex;           // WGS84, little-endian WKB
  std::unique_ptr<OGRGeometry> geometry;  // the same
  std::string district_code;              // filled by the caller
  std::string file;
  int64_t record = 0;
  std::string raw;  // the source record, for a reject line
};

// What normalisation did, for the summary.
struct MapperCounts {
  int64_t swapped_axes = 0;
  int64_t repaired_geometries = 0;
  int64_t crs_detected = 0;
};

class RoadWorkMapper {
 public:
  // FAILED_PRECONDITION if the profile is not for road works.
  static absl::StatusOr<std::unique_ptr<RoadWorkMapper>> For(
      const Profile& profile);

  // `now` decides a status the source does not give (planned / active /
  // completed by the period).
  std::variant<RoadWorkRow, Reject> Map(const SourceRecord& record,
                                        absl::Time now);
  // The record's key as it will be stored (for reject lines).
  std::string Key(const SourceRecord& record) const;
  const MapperCounts& counts() const { return counts_; }

 private:
  explicit RoadWorkMapper(const Profile& profile) : profile_(profile) {}
  // The profile's value for a target field: its constant or the record's
  // field, trimmed; empty when absent.
  std::string Value(const SourceRecord& record, const std::string& to) const;
  const ToWgs84* Transform(Crs crs);

  Profile profile_;
  std::optional<Crs> fixed_crs_;  // the profile's, unless "detect"/empty
  bool detect_ = false;
  std::map<Crs, std::unique_ptr<ToWgs84>> transforms_;
  MapperCounts counts_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_ROAD_WORK_MAPPER_H_
