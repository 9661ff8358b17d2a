// Record-style XML feeds: <DigCaseInfos><DigCaseInfo><AREA>…</AREA>…
// </DigCaseInfo>…</DigCaseInfos>. Every element named as the profile's
// reader.records says is one record, its attributes and child elements
// the fields (a child's value is all the text inside it). Parsed as it
// streams in (expat): memory stays flat in the file's size; a record over
// 1 MiB, nesting over 64 levels or malformed XML ends the file with an
// error.
#ifndef PWIS_IMPORTERS_XML_RECORDS_H_
#define PWIS_IMPORTERS_XML_RECORDS_H_

#include <cpl_vsi.h>
#include <expat.h>
#include <iconv.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "importers/record_source.h"

namespace pwis::importers {

class XmlRecordSource : public RecordSource {
 public:
  // `encoding` "CP950"/"BIG5": the file is Big5 whatever its declaration
  // says; else what the document declares (UTF-8 by default).
  static absl::StatusOr<std::unique_ptr<XmlRecordSource>> Open(
      const std::string& path, const std::string& record_element,
      const std::string& encoding);
  ~XmlRecordSource() override;

  bool Next(SourceRecord* out) override;
  absl::Status status() const override { return status_; }

  static constexpr size_t kMaxRecordBytes = 1 << 20;
  static constexpr int kMaxDepth = 64;

 private:
  XmlRecordSource() = default;
  static void OnStart(void* self, const XML_Char* name, const XML_Char** atts);
  static void OnEnd(void* self, const XML_Char* name);
  static void OnText(void* self, const XML_Char* text, int len);
  // Reads and parses the next chunk; false at the end or on an error.
  bool Feed();
  void Stop(const std::string& why);

  VSILFILE* file_ = nullptr;
  XML_Parser parser_ = nullptr;
  iconv_t recode_ = reinterpret_cast<iconv_t>(-1);
  std::string carry_;  // a Big5 character cut by the chunk boundary
  std::string path_;
  std::string element_;
  std::vector<char> buffer_;
  bool eof_ = false;
  int depth_ = 0;
  int record_depth_ = 0;  // depth of the open record element; 0: none
  int field_depth_ = 0;   // depth of the open field element; 0: none
  size_t record_bytes_ = 0;
  int64_t fed_ = 0;         // bytes given to expat
  int64_t last_event_ = 0;  // where expat last called back
  SourceRecord current_;
  std::deque<SourceRecord> ready_;
  int64_t number_ = 0;
  absl::Status status_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_XML_RECORDS_H_
