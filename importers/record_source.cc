#include "importers/record_source.h"

#include "importers/json_records.h"
#include "importers/ogr_source.h"
#include "importers/xml_records.h"

namespace pwis::importers {

absl::StatusOr<std::unique_ptr<RecordSource>> OpenRecordSource(
    const std::string& path, const Reader& reader) {
  if (reader.format() == "json-records") {
    auto s = JsonRecordSource::Open(path, reader.records(), reader.encoding());
    if (!s.ok()) return s.status();
    return std::unique_ptr<RecordSource>(*std::move(s));
  }
  if (reader.format() == "xml-records") {
    auto s = XmlRecordSource::Open(path, reader.records(), reader.encoding());
    if (!s.ok()) return s.status();
    return std::unique_ptr<RecordSource>(*std::move(s));
  }
  auto s = OgrSource::Open(path, reader.encoding());
  if (!s.ok()) return s.status();
  return std::unique_ptr<RecordSource>(*std::move(s));
}

}  // namespace pwis::importers
