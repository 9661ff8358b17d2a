// A table pwis-import loads: its stage columns and SQL (TargetSpec), the
// geometry it stores, and a record's values for it. One implementation per
// target (road works, permits, ...): what is left of a domain once the
// reading, the geometry and the loading are shared.
#ifndef PWIS_IMPORTERS_LOAD_TARGET_H_
#define PWIS_IMPORTERS_LOAD_TARGET_H_

#include <ogr_geometry.h>

#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "importers/field_values.h"
#include "importers/geometry_mapper.h"
#include "importers/loader.h"
#include "importers/profile.pb.h"

namespace pwis::importers {

class LoadTarget {
 public:
  virtual ~LoadTarget() = default;
  virtual const TargetSpec& spec() const = 0;
  virtual GeometryRule geometry_rule() const = 0;
  // Reads the reference data the values need (agencies) once, before the
  // first record.
  virtual absl::Status Prepare(pqxx::connection& conn) {
    (void)conn;
    return absl::OkStatus();
  }
  // The record's values, in spec().columns order, or why it is refused.
  // `geometry` is WGS84 (null when the record has none and the rule allows
  // that). `now` decides a status the source does not give.
  virtual std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) = 0;
  // Targets without a place (geometry_rule().stored false) key their rows
  // themselves, from the values: the profile's source_key is not used.
  virtual std::string KeyFor(
      const std::vector<std::optional<std::string>>& values) const {
    (void)values;
    return "";
  }
};

// The target a profile loads. INVALID_ARGUMENT for an unknown one.
absl::StatusOr<std::unique_ptr<LoadTarget>> MakeLoadTarget(Target target);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_LOAD_TARGET_H_
