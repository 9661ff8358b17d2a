// Coordinate reference systems of Taiwan's feeds, and their conversion to
// WGS84 longitude/latitude, the CRS pwis stores.
#ifndef PWIS_IMPORTERS_CRS_H_
#define PWIS_IMPORTERS_CRS_H_

#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

class OGRCoordinateTransformation;

namespace pwis::importers {

enum class Crs {
  kWgs84,        // EPSG:4326 (TWD97 geographic is the same within a metre)
  kTwd97,        // EPSG:3826, TWD97 TM2 zone 121, metres
  kTwd97Penghu,  // EPSG:3825, TWD97 TM2 zone 119 (Penghu, Kinmen, Matsu)
  kTwd67,        // EPSG:3828, TWD67 TM2 zone 121
  kTwd67Penghu,  // EPSG:3827, TWD67 TM2 zone 119
};

// "EPSG:4326" / "WGS84", "EPSG:3826" / "TWD97", "EPSG:3825", "EPSG:3828" /
// "TWD67", "EPSG:3827"; INVALID_ARGUMENT otherwise.
absl::StatusOr<Crs> CrsByName(absl::string_view name);
absl::string_view CrsName(Crs crs);

// What the coordinate ranges of one position (as written: x first) say.
// Degrees in Taiwan's box are WGS84; metres in TM2 zone 121's range of
// Taiwan are TWD97; either the other way round is swapped. TWD67 (about
// 830 m and 200 m off TWD97) and zone 119 (whose metres fall inside zone
// 121's range) cannot be told from ranges: a profile names them.
struct Detected {
  Crs crs;
  bool swapped;
};
std::optional<Detected> DetectCrs(double x, double y);

// Converts positions of one CRS to WGS84 longitude/latitude. TWD67 goes
// through the 7-parameter Helmert shift to TWD97 (PROJ 9.1's only TWD67
// operation has no datum shift and lands about 850 m off).
class ToWgs84 {
 public:
  static absl::StatusOr<std::unique_ptr<ToWgs84>> For(Crs from);
  ~ToWgs84();
  ToWgs84(const ToWgs84&) = delete;
  ToWgs84& operator=(const ToWgs84&) = delete;

  Crs from() const { return from_; }
  // In place; false if PROJ could not convert it.
  bool Transform(double& x, double& y) const;
  // For GDAL geometries (owned by the caller).
  OGRCoordinateTransformation* ogr() const { return transform_; }

 private:
  ToWgs84(Crs from, OGRCoordinateTransformation* t)
      : from_(from), transform_(t) {}
  Crs from_;
  OGRCoordinateTransformation* transform_;  // null for WGS84 itself
};

// The PROJ definition used for a CRS (TWD67 with its datum shift).
absl::string_view ProjDefinition(Crs crs);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_CRS_H_
