// Where records come from: a file read through GDAL/OGR, or one of the
// record-style feeds GDAL does not read (JSON with records under a key,
// XML with one element per record). Each gives SourceRecords, one at a
// time: memory does not grow with the file.
#ifndef PWIS_IMPORTERS_RECORD_SOURCE_H_
#define PWIS_IMPORTERS_RECORD_SOURCE_H_

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "importers/profile.pb.h"

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
  // Why the reader could not make a record of it (not an object, a NUL
  // character): rejected with this reason.
  std::string problem;

  // The field's value, or null when the record has no such field.
  const std::string* Find(const std::string& name) const;
  // The record for a reject line: fields and (unless told not to) the
  // geometry as WKT, as one JSON object.
  std::string RawJson(bool with_geometry = true) const;
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Fills `out` and returns true, or returns false at the end. A file
  // that cannot be read to its end stops with an error in status(): its
  // records must not be loaded.
  virtual bool Next(SourceRecord* out) = 0;
  virtual absl::Status status() const = 0;
  // Records the file announces (-1 when it cannot say cheaply).
  virtual int64_t ExpectedCount() const { return -1; }
};

// The reader the profile names (reader.format) on `path` (a file, a
// /vsizip/ member or /vsistdin/).
absl::StatusOr<std::unique_ptr<RecordSource>> OpenRecordSource(
    const std::string& path, const Reader& reader);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_RECORD_SOURCE_H_
