// Record-style JSON feeds: {"Data": [{"pmtNo": "...", "lat": 22.6, ...},
// ...]}. The document is parsed as it streams in (no whole-file tree), so
// memory stays flat in the file's size; a record over 1 MiB, nesting over
// 64 levels or a malformed document ends the file with an error.
#ifndef PWIS_IMPORTERS_JSON_RECORDS_H_
#define PWIS_IMPORTERS_JSON_RECORDS_H_

#include <cpl_vsi.h>

#include <memory>
#include <string>
#include <vector>

#include "importers/record_source.h"

namespace pwis::importers {

class JsonRecordSource : public RecordSource {
 public:
  // `records`: the member holding the array ("Data", "a.b"), or empty when
  // the document is the array. `encoding`: "CP950" recodes strings from
  // Big5; else they must be UTF-8.
  static absl::StatusOr<std::unique_ptr<JsonRecordSource>> Open(
      const std::string& path, const std::string& records,
      const std::string& encoding);
  ~JsonRecordSource() override;

  bool Next(SourceRecord* out) override;
  absl::Status status() const override { return status_; }

  static constexpr size_t kMaxRecordBytes = 1 << 20;
  static constexpr int kMaxDepth = 64;

 private:
  enum Kind { kString, kNull, kOther };
  JsonRecordSource() = default;
  // Byte access; 0 at the end of the file (a NUL byte is an error).
  bool Fill();
  int Peek();
  int Get();
  void SkipSpace();
  bool Expect(char c, const char* what);
  bool Fail(const std::string& what);
  // A string (after its opening quote was seen); `limit` bytes at most.
  bool String(std::string* out, size_t limit);
  // Any value as its text (a string unquoted; a nested value as JSON),
  // `out` null to skip it.
  bool Value(std::string* out, size_t limit, int depth, Kind* kind);
  // Positions the reader inside the records array.
  bool FindRecords();
  bool Finish();

  VSILFILE* file_ = nullptr;
  std::string path_;
  std::vector<std::string> records_path_;
  std::string recode_from_;
  std::vector<char> buffer_;
  size_t pos_ = 0, end_ = 0;
  int64_t offset_ = 0;  // of buffer_[0] in the file
  bool eof_ = false;
  bool started_ = false, done_ = false;
  int64_t number_ = 0;
  bool nul_ = false;       // a string of this field held \u0000
  bool bad_text_ = false;  // a string of this field was not valid Big5
  absl::Status status_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_JSON_RECORDS_H_
