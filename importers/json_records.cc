#include "importers/json_records.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

constexpr size_t kBuffer = 256 << 10;

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(const std::string& w) {
  size_t i = 0;
  const size_t n = w.size();
  auto digits = [&] {
    const size_t from = i;
    while (i < n && w[i] >= '0' && w[i] <= '9') ++i;
    return i > from;
  };
  if (i < n && w[i] == '-') ++i;
  if (i < n && w[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && w[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (w[i] == 'e' || w[i] == 'E')) {
    ++i;
    if (i < n && (w[i] == '+' || w[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

int HexDigit(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

absl::StatusOr<std::unique_ptr<JsonRecordSource>> JsonRecordSource::Open(
    const std::string& path, const std::string& records,
    const std::string& encoding) {
  std::unique_ptr<JsonRecordSource> s(new JsonRecordSource);
  s->path_ = path;
  s->file_ = VSIFOpenL(path.c_str(), "rb");
  if (s->file_ == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot open"));
  }
  if (!records.empty()) {
    s->records_path_ = absl::StrSplit(records, '.');
  }
  if (encoding == "CP950" || encoding == "BIG5") s->recode_from_ = encoding;
  s->buffer_.resize(kBuffer);
  return s;
}

JsonRecordSource::~JsonRecordSource() {
  if (file_ != nullptr) VSIFCloseL(file_);
}

bool JsonRecordSource::Fill() {
  if (pos_ < end_) return true;
  if (eof_) return false;
  offset_ += static_cast<int64_t>(end_);
  end_ = VSIFReadL(buffer_.data(), 1, buffer_.size(), file_);
  pos_ = 0;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

int JsonRecordSource::Peek() {
  if (!Fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_]);
}

int JsonRecordSource::Get() {
  int c = Peek();
  if (c >= 0) ++pos_;
  return c;
}

void JsonRecordSource::SkipSpace() {
  for (int c = Peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r';
       c = Peek()) {
    ++pos_;
  }
}

bool JsonRecordSource::Fail(const std::string& what) {
  if (status_.ok()) {
    status_ = absl::InvalidArgumentError(
        absl::StrCat(path_, ": not readable as JSON records at byte ",
                     offset_ + static_cast<int64_t>(pos_), " (after record ",
                     number_, "): ", what));
  }
  return false;
}

bool JsonRecordSource::Expect(char c, const char* what) {
  SkipSpace();
  const int got = Get();
  if (got == c) return true;
  return Fail(got < 0 ? absl::StrCat("the file ends where ", what,
                                     " was expected (truncated?)")
                      : absl::StrCat(what, " expected"));
}

bool JsonRecordSource::String(std::string* out, size_t limit) {
  // Big5 text is recoded as it is read, before an escape's UTF-8 joins it:
  // everything above the lexer is UTF-8.
  std::string big5;
  auto flush = [&] {
    if (big5.empty() || out == nullptr) return;
    if (std::optional<std::string> utf8 = Big5ToUtf8(big5)) {
      *out += *utf8;
    } else {
      bad_text_ = true;
      *out += ValidUtf8(big5);
    }
    big5.clear();
  };
  const bool recode = !recode_from_.empty();
  for (;;) {
    int c = Get();
    if (c < 0) return Fail("the file ends inside a string (truncated?)");
    if (c == '"') {
      flush();
      return true;
    }
    if (c < 0x20) return Fail("a control character inside a string");
    if (recode && c != '\\') {
      big5 += static_cast<char>(c);
      if (c >= 0x81 && c <= 0xFE) {
        // A Big5 character's second byte may be '\\' or '"': taken whole.
        const int trail = Get();
        if (trail < 0)
          return Fail("the file ends inside a string (truncated?)");
        big5 += static_cast<char>(trail);
      }
      if (out != nullptr && out->size() + big5.size() > limit) {
        return Fail(absl::StrCat("a record larger than ", kMaxRecordBytes >> 20,
                                 " MiB"));
      }
      if (out == nullptr) big5.clear();
      continue;
    }
    flush();
    if (c == '\\') {
      c = Get();
      uint32_t cp = 0;
      switch (c) {
        case '"':
        case '\\':
        case '/':
          cp = static_cast<uint32_t>(c);
          break;
        case 'b':
          cp = '\b';
          break;
        case 'f':
          cp = '\f';
          break;
        case 'n':
          cp = '\n';
          break;
        case 'r':
          cp = '\r';
          break;
        case 't':
          cp = '\t';
          break;
        case 'u': {
          auto hex4 = [&](uint32_t* v) {
            *v = 0;
            for (int i = 0; i < 4; ++i) {
              const int d = HexDigit(Get());
              if (d < 0) return false;
              *v = *v * 16 + static_cast<uint32_t>(d);
            }
            return true;
          };
          if (!hex4(&cp)) return Fail("a bad \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (Get() != '\\' || Get() != 'u' || !hex4(&low) || low < 0xDC00 ||
                low > 0xDFFF) {
              return Fail("a lone UTF-16 surrogate in a \\u escape");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Fail("a lone UTF-16 surrogate in a \\u escape");
          }
          if (cp == 0) {
            // Text cannot hold NUL (PostgreSQL neither): the record is
            // rejected, not stored altered.
            nul_ = true;
            cp = 0xFFFD;
          }
          break;
        }
        default:
          return Fail("a bad escape in a string");
      }
      if (out != nullptr) AppendUtf8(out, cp);
    } else if (out != nullptr) {
      *out += static_cast<char>(c);
    }
    if (out != nullptr && out->size() > limit) {
      return Fail(
          absl::StrCat("a record larger than ", kMaxRecordBytes >> 20, " MiB"));
    }
  }
}

bool JsonRecordSource::Value(std::string* out, size_t limit, int depth,
                             Kind* kind) {
  SkipSpace();
  const int c = Peek();
  if (c < 0) return Fail("the file ends where a value was expected");
  if (kind != nullptr) *kind = kOther;
  if (c == '"') {
    ++pos_;
    if (kind != nullptr) *kind = kString;
    return String(out, limit);
  }
  if (c == '{' || c == '[') {
    if (depth >= kMaxDepth) {
      return Fail(absl::StrCat("nested deeper than ", kMaxDepth, " levels"));
    }
    const char close = c == '{' ? '}' : ']';
    ++pos_;
    if (out != nullptr) *out += static_cast<char>(c);
    SkipSpace();
    if (Peek() == close) {
      ++pos_;
      if (out != nullptr) *out += close;
      return true;
    }
    std::string item;
    for (;;) {
      if (close == '}') {
        if (!Expect('"', "a member name")) return false;
        item.clear();
        if (!String(out != nullptr ? &item : nullptr, limit)) return false;
        if (out != nullptr) absl::StrAppend(out, JsonQuote(item), ":");
        if (!Expect(':', "':'")) return false;
      }
      item.clear();
      Kind k;
      if (!Value(out != nullptr ? &item : nullptr, limit, depth + 1, &k)) {
        return false;
      }
      if (out != nullptr) {
        *out += k == kString ? JsonQuote(item) : k == kNull ? "null" : item;
        if (out->size() > limit) {
          return Fail(absl::StrCat("a record larger than ",
                                   kMaxRecordBytes >> 20, " MiB"));
        }
      }
      SkipSpace();
      const int next = Get();
      if (next == close) {
        if (out != nullptr) *out += close;
        return true;
      }
      if (next != ',') {
        return Fail(next < 0 ? "the file ends inside a value (truncated?)"
                             : "',' or the value's end expected");
      }
      if (out != nullptr) *out += ',';
      SkipSpace();
    }
  }
  // A number or a literal: its text as written (checked for shape).
  std::string word;
  for (int d = Peek();
       d >= 0 && (std::isalnum(d) || d == '-' || d == '+' || d == '.');
       d = Peek()) {
    word += static_cast<char>(d);
    ++pos_;
    if (word.size() > 64) return Fail("a value too long for a number");
  }
  if (word == "null") {
    if (kind != nullptr) *kind = kNull;
    return true;
  }
  const bool number = IsJsonNumber(word);
  if (word != "true" && word != "false" && !number) {
    return Fail(word.empty() ? "a value expected"
                             : absl::StrCat("\"", word, "\": not a value"));
  }
  if (out != nullptr) *out += word;
  return true;
}

bool JsonRecordSource::FindRecords() {
  // A UTF-8 byte order mark is allowed before the document.
  if (Peek() == 0xEF) {
    if (Get() != 0xEF || Get() != 0xBB || Get() != 0xBF) {
      return Fail("not JSON");
    }
  }
  for (size_t level = 0; level < records_path_.size(); ++level) {
    if (!Expect('{', "an object")) return false;
    std::string key;
    for (;;) {
      SkipSpace();
      if (Peek() == '}') {
        return Fail(absl::StrCat("no member \"", records_path_[level], "\""));
      }
      if (!Expect('"', "a member name")) return false;
      key.clear();
      if (!String(&key, 4096)) return false;
      if (!Expect(':', "':'")) return false;
      if (key == records_path_[level]) break;
      if (!Value(nullptr, 0, 1, nullptr)) return false;
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
      } else if (Peek() != '}') {
        return Fail("',' or '}' expected");
      }
    }
  }
  return Expect('[', records_path_.empty()
                         ? "an array of records"
                         : "an array of records (the member's value)");
}

// After the records' array: the rest of each enclosing object, then
// nothing but space.
bool JsonRecordSource::Finish() {
  for (size_t level = records_path_.size(); level > 0; --level) {
    for (;;) {
      SkipSpace();
      const int c = Get();
      if (c == '}') break;
      if (c != ',') {
        return Fail(c < 0 ? "the file ends before the document does "
                            "(truncated?)"
                          : "',' or '}' expected");
      }
      if (!Expect('"', "a member name")) return false;
      if (!String(nullptr, 0)) return false;
      if (!Expect(':', "':'")) return false;
      if (!Value(nullptr, 0, 1, nullptr)) return false;
    }
  }
  SkipSpace();
  if (Peek() >= 0) return Fail("text after the end of the document");
  return true;
}

bool JsonRecordSource::Next(SourceRecord* out) {
  if (done_ || !status_.ok()) return false;
  if (!started_) {
    started_ = true;
    if (!FindRecords()) return false;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      done_ = true;
      Finish();
      return false;
    }
  } else {
    SkipSpace();
    const int c = Get();
    if (c == ']') {
      done_ = true;
      Finish();
      return false;
    }
    if (c != ',') {
      return Fail(c < 0 ? "the file ends inside the records (truncated?)"
                        : "',' or ']' expected between records");
    }
  }
  ++number_;
  out->file = path_;
  out->number = number_;
  out->fields.clear();
  out->geometry.reset();
  out->declared_crs = nullptr;
  out->broken_text.clear();
  out->problem.clear();
  nul_ = false;
  SkipSpace();
  if (Peek() != '{') {
    // Not a record: rejected as such, and the next one is read.
    std::string text;
    Kind k;
    if (!Value(&text, kMaxRecordBytes, 1, &k)) return false;
    out->problem = "not an object (a record is {\"field\": value, ...})";
    out->fields.emplace_back("value", k == kString ? JsonQuote(text) : text);
    return true;
  }
  ++pos_;
  SkipSpace();
  if (Peek() == '}') {
    ++pos_;
    return true;
  }
  size_t bytes = 0;
  std::string key, value;
  for (;;) {
    if (!Expect('"', "a member name")) return false;
    key.clear();
    value.clear();
    nul_ = false;
    bad_text_ = false;
    if (!String(&key, kMaxRecordBytes)) return false;
    if (!Expect(':', "':'")) return false;
    Kind k;
    if (!Value(&value, kMaxRecordBytes, 1, &k)) return false;
    if (nul_ && out->problem.empty()) {
      out->problem = absl::StrCat(key, ": holds a NUL character (\\u0000)");
    }
    // A field costs its text and its bookkeeping: a million empty fields
    // are a large record too.
    bytes += key.size() + value.size() + 32;
    if (bytes > kMaxRecordBytes) {
      return Fail(
          absl::StrCat("a record larger than ", kMaxRecordBytes >> 20, " MiB"));
    }
    if (std::string valid = ValidUtf8(value);
        bad_text_ || valid != value || ValidUtf8(key) != key) {
      if (out->broken_text.empty()) out->broken_text = ValidUtf8(key);
      value = std::move(valid);
    }
    out->fields.emplace_back(ValidUtf8(key), k == kNull ? "" : value);
    SkipSpace();
    const int c = Get();
    if (c == '}') break;
    if (c != ',') {
      return Fail(c < 0 ? "the file ends inside a record (truncated?)"
                        : "',' or '}' expected in a record");
    }
  }
  return true;
}

}  // namespace pwis::importers
