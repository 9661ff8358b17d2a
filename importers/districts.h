// Which Kaohsiung district a geometry is listed under, decided in the
// importer: the districts' polygons are prepared once (GEOS), so a record
// costs microseconds instead of a database round of ST_Intersects.
#ifndef PWIS_IMPORTERS_DISTRICTS_H_
#define PWIS_IMPORTERS_DISTRICTS_H_

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace pwis::importers {

class DistrictLocator {
 public:
  // Reads the `districts` table (WGS84). FAILED_PRECONDITION when it is
  // empty: every record would be rejected as outside the city.
  static absl::StatusOr<std::unique_ptr<DistrictLocator>> Load(
      pqxx::connection& conn);
  ~DistrictLocator();

  // The rule the services list by: among the districts the geometry meets,
  // the first by code that holds a point on its surface, else the first by
  // code. Empty when it meets none (outside Kaohsiung).
  std::string Locate(const OGRGeometry& g) const;
  // The code of the district a feed names: its code, its Chinese name (臺
  // or 台, with or without 區, after 高雄市) or English name (any case,
  // with or without "District"). Empty when none is.
  std::string ByName(const std::string& name) const;

 private:
  struct District {
    std::string code;
    std::unique_ptr<OGRGeometry> geom;
    OGREnvelope envelope;
    OGRPreparedGeometryH prepared = nullptr;
  };
  DistrictLocator() = default;
  std::vector<District> districts_;           // by code
  std::map<std::string, std::string> names_;  // match form → code
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_DISTRICTS_H_
