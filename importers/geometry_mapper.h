// A record's geometry → WGS84, checked, by the profile's `geometry`: read
// from the format or from fields (x/y or WKT); the CRS declared, given or
// detected from the coordinates' ranges; swapped axes swapped back;
// positions in Taiwan; an invalid geometry repaired when the result is the
// same kind of thing; the kinds the target stores.
#ifndef PWIS_IMPORTERS_GEOMETRY_MAPPER_H_
#define PWIS_IMPORTERS_GEOMETRY_MAPPER_H_

#include <ogr_geometry.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "importers/crs.h"
#include "importers/field_values.h"
#include "importers/profile.pb.h"
#include "importers/record_source.h"

namespace pwis::importers {

// What normalisation did, for the summary.
struct MapperCounts {
  int64_t swapped_axes = 0;
  int64_t repaired_geometries = 0;
  int64_t crs_detected = 0;
};

// What a target stores.
struct GeometryRule {
  // A record without a geometry is a reject (else it loads without one).
  bool required = true;
  // Flat OGR types stored (wkbPoint, wkbMultiPolygon, ...).
  std::vector<OGRwkbGeometryType> kinds;
  // The same, in words, for the reject.
  std::string kinds_text;
  // False: the target has neither a geometry nor a district (progress
  // reports belong to a project that has them); the source's are ignored.
  bool stored = true;
};

// The rules the targets use: points, lines, polygons and their Multi forms
// (`required` or not); lines and polygons only; an optional point.
GeometryRule AnyFeature(bool required);
GeometryRule LinesAndAreas();
// A site's location, when the record has one (licenses, cases).
GeometryRule OptionalPoint();
// Rows of a table without a place of their own.
GeometryRule NoGeometry();

class GeometryMapper {
 public:
  // INVALID_ARGUMENT for a CRS pwis does not know.
  static absl::StatusOr<std::unique_ptr<GeometryMapper>> For(
      const Geometry& geometry, GeometryRule rule);

  // The geometry in WGS84, or null when the record has none and the rule
  // allows that, or why not.
  std::variant<std::unique_ptr<OGRGeometry>, Reject> Map(
      const SourceRecord& record);
  const MapperCounts& counts() const { return counts_; }

 private:
  GeometryMapper(const Geometry& geometry, GeometryRule rule)
      : geometry_(geometry), rule_(std::move(rule)) {}
  // The record's geometry as written; null when it has none.
  std::variant<std::unique_ptr<OGRGeometry>, Reject> Read(
      const SourceRecord& record) const;
  bool Stored(OGRwkbGeometryType t) const;
  const ToWgs84* Transform(Crs crs);

  Geometry geometry_;
  GeometryRule rule_;
  std::optional<Crs> fixed_crs_;  // the profile's, unless "detect"/empty
  bool detect_ = false;
  std::map<Crs, std::unique_ptr<ToWgs84>> transforms_;
  MapperCounts counts_;
};

// WKB (little-endian, ISO) as hex, as the stage table takes it.
std::string WkbHex(const OGRGeometry& g);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_GEOMETRY_MAPPER_H_
