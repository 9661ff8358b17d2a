// The tokens of RFC 8259 JSON text, shared by the parsers that build
// protobuf values from it: json_struct.h (google.protobuf.Struct) and
// json_message.h (any message, by its field names).
#ifndef PWIS_GIS_GEO_JSON_LEXER_H_
#define PWIS_GIS_GEO_JSON_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace pwis::geo {

// A cursor over one JSON text. Every Parse*/Skip* call returns false on
// malformed input after recording the first reason (see Error()).
class JsonLexer {
 public:
  static constexpr int kMaxDepth = 64;

  explicit JsonLexer(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' ||
                                s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  // Skips white space, then `c` if it is next.
  bool Consume(char c) {
    SkipSpace();
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ == s_.size();
  }
  // The next character, '\0' at the end.
  char Next() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  // At '"': the unescaped UTF-8 text, appended to `out`.
  bool ParseString(std::string* out);
  // A number token into `out`; `token` (when given) receives its text.
  bool ParseNumber(double* out, std::string_view* token = nullptr);
  bool Literal(std::string_view word);
  // Checks and steps over one value of any kind.
  bool SkipValue(int depth);

  // After '{' or '[' (and a value or key:value pair): true with `more` set
  // when `close` or ',' follows, false (failing) otherwise.
  bool EndOrComma(char close, bool* more);

  bool Fail(const char* why) {
    if (error_.empty()) error_ = why;
    return false;
  }
  size_t pos() const { return pos_; }
  std::string_view Text(size_t from, size_t to) const {
    return s_.substr(from, to - from);
  }
  // INVALID_ARGUMENT with the byte offset and the first reason.
  absl::Status Error() const;

 private:
  bool Hex4(uint32_t* cp);
  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace pwis::geo

#endif  // PWIS_GIS_GEO_JSON_LEXER_H_
