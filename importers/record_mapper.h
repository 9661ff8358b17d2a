// A source record → a staged row of the profile's target: the record's
// own problems, required fields, the key, the geometry (GeometryMapper),
// the district it is listed under, then the target's values.
#ifndef PWIS_IMPORTERS_RECORD_MAPPER_H_
#define PWIS_IMPORTERS_RECORD_MAPPER_H_

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "importers/districts.h"
#include "importers/field_values.h"
#include "importers/geometry_mapper.h"
#include "importers/load_target.h"
#include "importers/profile.pb.h"

namespace pwis::importers {

struct MappedRecord {
  StagedRow row;
  std::unique_ptr<OGRGeometry> geometry;  // WGS84; null when none
};

class RecordMapper {
 public:
  // INVALID_ARGUMENT for a target or CRS pwis does not know.
  static absl::StatusOr<std::unique_ptr<RecordMapper>> For(
      const Profile& profile);

  // Reads the districts and the target's reference data.
  absl::Status Prepare(pqxx::connection& conn);

  std::variant<MappedRecord, Reject> Map(const SourceRecord& record,
                                         absl::Time now);
  // The record's key as it will be stored (for reject lines).
  std::string Key(const SourceRecord& record) const;

  const TargetSpec& spec() const { return target_->spec(); }
  const MapperCounts& counts() const { return geometry_->counts(); }

 private:
  explicit RecordMapper(const Profile& profile) : profile_(profile) {}

  Profile profile_;
  bool joined_key_ = false;  // source_key is made of several fields
  std::unique_ptr<LoadTarget> target_;
  std::unique_ptr<GeometryMapper> geometry_;
  std::unique_ptr<DistrictLocator> districts_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_RECORD_MAPPER_H_
