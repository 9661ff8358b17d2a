#include "importers/xml_records.h"

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace pwis::importers {
namespace {

constexpr size_t kBuffer = 256 << 10;

// Entity declarations are how XML bombs and external-file reads start; no
// feed needs them.
void OnEntityDecl(void* self, const XML_Char*, int, const XML_Char*, int,
                  const XML_Char*, const XML_Char*, const XML_Char*,
                  const XML_Char*) {
  auto* parser = static_cast<XML_Parser>(self);
  XML_StopParser(parser, XML_FALSE);
}

}  // namespace

absl::StatusOr<std::unique_ptr<XmlRecordSource>> XmlRecordSource::Open(
    const std::string& path, const std::string& record_element,
    const std::string& encoding) {
  std::unique_ptr<XmlRecordSource> s(new XmlRecordSource);
  s->path_ = path;
  s->element_ = record_element;
  s->file_ = VSIFOpenL(path.c_str(), "rb");
  if (s->file_ == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot open"));
  }
  const bool big5 = encoding == "CP950" || encoding == "BIG5";
  if (big5) {
    s->recode_ = iconv_open("UTF-8", "CP950");
    if (s->recode_ == reinterpret_cast<iconv_t>(-1)) {
      return absl::InternalError("no CP950 converter (iconv)");
    }
  }
  // Given an encoding, expat ignores the document's declaration: a Big5
  // file is recoded to UTF-8 before expat sees it.
  s->parser_ = XML_ParserCreate(big5 ? "UTF-8" : nullptr);
  if (s->parser_ == nullptr) return absl::InternalError("expat: out of memory");
  XML_SetUserData(s->parser_, s.get());
  XML_SetElementHandler(s->parser_, &XmlRecordSource::OnStart,
                        &XmlRecordSource::OnEnd);
  XML_SetCharacterDataHandler(s->parser_, &XmlRecordSource::OnText);
  XML_SetEntityDeclHandler(s->parser_, OnEntityDecl);
  XML_UseParserAsHandlerArg(s->parser_);
  s->buffer_.resize(kBuffer);
  return s;
}

XmlRecordSource::~XmlRecordSource() {
  if (parser_ != nullptr) XML_ParserFree(parser_);
  if (recode_ != reinterpret_cast<iconv_t>(-1)) iconv_close(recode_);
  if (file_ != nullptr) VSIFCloseL(file_);
}

void XmlRecordSource::Stop(const std::string& why) {
  if (status_.ok()) {
    status_ = absl::InvalidArgumentError(
        absl::StrCat(path_, ": line ", XML_GetCurrentLineNumber(parser_),
                     " (after record ", number_, "): ", why));
  }
  XML_StopParser(parser_, XML_FALSE);
}

void XmlRecordSource::OnStart(void* arg, const XML_Char* name,
                              const XML_Char** atts) {
  auto* self = static_cast<XmlRecordSource*>(
      XML_GetUserData(static_cast<XML_Parser>(arg)));
  self->last_event_ = XML_GetCurrentByteIndex(self->parser_);
  if (!self->status_.ok()) return;
  if (++self->depth_ > kMaxDepth) {
    self->Stop(absl::StrCat("nested deeper than ", kMaxDepth, " levels"));
    return;
  }
  if (self->record_depth_ == 0) {
    if (self->element_ != name) return;
    self->record_depth_ = self->depth_;
    self->record_bytes_ = 0;
    self->current_ = SourceRecord{};
    for (int i = 0; atts[i] != nullptr && atts[i + 1] != nullptr; i += 2) {
      self->current_.fields.emplace_back(atts[i], atts[i + 1]);
      self->record_bytes_ += std::strlen(atts[i]) + std::strlen(atts[i + 1]);
    }
    return;
  }
  if (self->field_depth_ == 0 && self->depth_ == self->record_depth_ + 1) {
    self->field_depth_ = self->depth_;
    self->current_.fields.emplace_back(name, "");
    // A field costs its name and bookkeeping: a million empty elements
    // are a large record too.
    self->record_bytes_ += std::strlen(name) + 32;
    if (self->record_bytes_ > kMaxRecordBytes) {
      self->Stop(
          absl::StrCat("a record larger than ", kMaxRecordBytes >> 20, " MiB"));
    }
  }
}

void XmlRecordSource::OnEnd(void* arg, const XML_Char*) {
  auto* self = static_cast<XmlRecordSource*>(
      XML_GetUserData(static_cast<XML_Parser>(arg)));
  self->last_event_ = XML_GetCurrentByteIndex(self->parser_);
  if (!self->status_.ok()) return;
  if (self->depth_ == self->field_depth_) self->field_depth_ = 0;
  if (self->depth_ == self->record_depth_) {
    self->record_depth_ = 0;
    self->current_.file = self->path_;
    self->current_.number = ++self->number_;
    self->ready_.push_back(std::move(self->current_));
    self->current_ = SourceRecord{};
  }
  --self->depth_;
}

void XmlRecordSource::OnText(void* arg, const XML_Char* text, int len) {
  auto* self = static_cast<XmlRecordSource*>(
      XML_GetUserData(static_cast<XML_Parser>(arg)));
  self->last_event_ = XML_GetCurrentByteIndex(self->parser_);
  if (!self->status_.ok() || self->field_depth_ == 0) return;
  self->record_bytes_ += static_cast<size_t>(len);
  if (self->record_bytes_ > kMaxRecordBytes) {
    self->Stop(
        absl::StrCat("a record larger than ", kMaxRecordBytes >> 20, " MiB"));
    return;
  }
  self->current_.fields.back().second.append(text, static_cast<size_t>(len));
}

bool XmlRecordSource::Feed() {
  if (eof_ || !status_.ok()) return false;
  const size_t n = VSIFReadL(buffer_.data(), 1, buffer_.size(), file_);
  if (n == 0) eof_ = true;
  const char* data = buffer_.data();
  size_t len = n;
  std::string utf8;
  if (recode_ != reinterpret_cast<iconv_t>(-1)) {
    std::string in = carry_ + std::string(buffer_.data(), n);
    carry_.clear();
    utf8.resize(in.size() * 2 + 16);
    char* src = in.data();
    size_t src_left = in.size();
    char* dst = utf8.data();
    size_t dst_left = utf8.size();
    while (src_left > 0) {
      if (iconv(recode_, &src, &src_left, &dst, &dst_left) !=
          static_cast<size_t>(-1)) {
        continue;
      }
      if (errno == EINVAL && !eof_) {
        carry_.assign(src, src_left);  // finished by the next chunk
        break;
      }
      Stop(errno == E2BIG ? "recoding overflow"
                          : "not valid Big5 (CP950) text");
      return false;
    }
    utf8.resize(utf8.size() - dst_left);
    data = utf8.data();
    len = utf8.size();
  }
  // expat holds a tag (with its attributes) or a comment whole until it
  // ends: one that runs on past 2 MiB is refused before it fills memory.
  if (fed_ - last_event_ > static_cast<int64_t>(2 * kMaxRecordBytes)) {
    Stop("a tag, comment or token larger than 2 MiB");
    return false;
  }
  fed_ += static_cast<int64_t>(len);
  if (XML_Parse(parser_, data, static_cast<int>(len), eof_ ? 1 : 0) ==
      XML_STATUS_ERROR) {
    const XML_Error code = XML_GetErrorCode(parser_);
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat(
          path_, ": line ", XML_GetCurrentLineNumber(parser_),
          " (after record ", number_, "): ",
          code == XML_ERROR_ABORTED ? "entity declarations are not accepted"
                                    : XML_ErrorString(code),
          eof_ ? " (truncated?)" : ""));
    }
    return false;
  }
  return !eof_ || !ready_.empty();
}

bool XmlRecordSource::Next(SourceRecord* out) {
  while (ready_.empty()) {
    if (!Feed()) break;
  }
  if (!status_.ok() || ready_.empty()) return false;
  *out = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace pwis::importers
