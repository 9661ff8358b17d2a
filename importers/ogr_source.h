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
#include "importers/record_source.h"

namespace pwis::importers {

// Expands SOURCE arguments into the files to read, in order: a directory
// gives its files (sorted, not recursing), "-" gives stdin, a .zip gives
// GDAL's view into it. NOT_FOUND for a path that does not exist.
absl::StatusOr<std::vector<std::string>> ExpandSources(
    const std::vector<std::string>& args);

// The name kept as provenance: no directory; a zip's member; "-" for
// stdin.
std::string ProvenanceName(const std::string& path);

// Reads one file's first layer, record by record (GDAL streams; memory
// does not grow with the file).
class OgrSource : public RecordSource {
 public:
  // `encoding`: "UTF-8", "CP950", or empty for what the file says.
  static absl::StatusOr<std::unique_ptr<OgrSource>> Open(
      const std::string& path, const std::string& encoding);
  ~OgrSource() override;

  // Fills `out` and returns true, or returns false at the end. A record
  // GDAL cannot read ends the file with an error in status().
  bool Next(SourceRecord* out) override;
  absl::Status status() const override { return status_; }
  // Records GDAL reported in advance (-1 when it cannot say cheaply).
  int64_t ExpectedCount() const override { return expected_; }

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
