// Records from anything GDAL/OGR reads: GeoJSON, Shapefile, CSV, KML, GPKG;
// files, directories, zip files and stdin ("-").
#ifndef PWIS_IMPORTERS_OGR_SOURCE_H_
#define PWIS_IMPORTERS_OGR_SOURCE_H_

#include <ogrsf_frmts.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace pwis::importers {

// One record as the source wrote it: text fields (UTF-8) and its geometry,
// in the source's coordinates.
struct SourceRecord {
  std::string file;    // the name given (a zip member after '!')
  int64_t number = 0;  // 1-based, per file
  std::vector<std::pair<std::string, std::string>> fields;
  std::unique_ptr<OGRGeometry> geometry;  // may be null
  // The CRS the file declares, if any (GeoJSON without `crs` declares
  // WGS84 by the RFC, which is why profiles may say "detect").
  const OGRSpatialReference* declared_crs = nullptr;
  // The first field whose text was not valid UTF-8 in the profile's
  // encoding (empty when all were).
  std::string broken_text;

  // The field's value, or null when the record has no such field.
  const std::string* Find(const std::string& name) const;
  // The record for a reject line: fields and geometry as one JSON object.
  std::string RawJson() const;
};

// Expands SOURCE arguments into the files to read, in order: a directory
// gives its files (sorted, not recursing), "-" gives stdin, a .zip gives
// GDAL's view into it. NOT_FOUND for a path that does not exist.
absl::StatusOr<std::vector<std::string>> ExpandSources(
    const std::vector<std::string>& args);

// Reads one file's first layer, record by record (GDAL streams; memory
// does not grow with the file).
class OgrSource {
 public:
  // `encoding`: "UTF-8", "CP950", or empty for what the file says.
  static absl::StatusOr<std::unique_ptr<OgrSource>> Open(
      const std::string& path, const std::string& encoding);
  ~OgrSource();

  // Fills `out` and returns true, or returns false at the end. A record
  // GDAL cannot read ends the file with an error in status().
  bool Next(SourceRecord* out);
  absl::Status status() const { return status_; }
  // Records GDAL reported in advance (-1 when it cannot say cheaply).
  int64_t ExpectedCount() const { return expected_; }

 private:
  OgrSource() = default;
  GDALDataset* dataset_ = nullptr;
  OGRLayer* layer_ = nullptr;
  std::string file_;
  std::string recode_from_;  // empty: fields are UTF-8 already
  int64_t number_ = 0;
  int64_t expected_ = -1;
  absl::Status status_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_OGR_SOURCE_H_
