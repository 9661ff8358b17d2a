#include "gis/geo/json_struct.h"

#include <charconv>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"

namespace pwis::geo {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool ParseValue(Value* v, int depth) {
    SkipSpace();
    if (pos_ >= s_.size()) return Fail("unexpected end");
    switch (s_[pos_]) {
      case '{':
        return ParseObject(v->mutable_struct_value(), depth + 1);
      case '[':
        return ParseArray(v->mutable_list_value(), depth + 1);
      case '"':
        return ParseString(v->mutable_string_value());
      case 't':
        v->set_bool_value(true);
        return Literal("true");
      case 'f':
        v->set_bool_value(false);
        return Literal("false");
      case 'n':
        v->set_null_value(google::protobuf::NULL_VALUE);
        return Literal("null");
      default:
        return ParseNumber(v);
    }
  }

  bool ParseObject(Struct* out, int depth) {
    if (depth > kMaxDepth) return Fail("nested too deeply");
    ++pos_;  // '{'
    SkipSpace();
    if (Peek('}')) return ++pos_, true;
    for (;;) {
      SkipSpace();
      std::string key;
      if (!Peek('"') || !ParseString(&key)) return Fail("expected a key");
      SkipSpace();
      if (!Peek(':')) return Fail("expected ':'");
      ++pos_;
      if (!ParseValue(&(*out->mutable_fields())[key], depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek('}')) return ++pos_, true;
      return Fail("expected ',' or '}'");
    }
  }

  // One object and nothing after it but white space.
  bool ParseTopObject(Struct* out) {
    SkipSpace();
    if (!Peek('{')) return Fail("expected an object");
    return ParseObject(out, 1) && (AtEnd() || Fail("text after the object"));
  }

  bool AtEnd() {
    SkipSpace();
    return pos_ == s_.size();
  }

  bool Fail(const char* why) {
    if (error_.empty()) error_ = why;
    return false;
  }

  const std::string& error() const { return error_; }
  size_t pos() const { return pos_; }

 private:
  bool ParseArray(ListValue* out, int depth) {
    if (depth > kMaxDepth) return Fail("nested too deeply");
    ++pos_;  // '['
    SkipSpace();
    if (Peek(']')) return ++pos_, true;
    for (;;) {
      if (!ParseValue(out->add_values(), depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek(']')) return ++pos_, true;
      return Fail("expected ',' or ']'");
    }
  }

  bool ParseNumber(Value* v) {
    size_t start = pos_;
    if (Peek('-')) ++pos_;
    if (!(pos_ < s_.size() && IsDigit(s_[pos_]))) return Fail("bad value");
    while (pos_ < s_.size() &&
           (IsDigit(s_[pos_]) || s_[pos_] == '.' || s_[pos_] == 'e' ||
            s_[pos_] == 'E' || s_[pos_] == '+' || s_[pos_] == '-')) {
      ++pos_;
    }
    double d;
    auto [end, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, d);
    if (ec != std::errc() || end != s_.data() + pos_ || !std::isfinite(d)) {
      return Fail("bad number");
    }
    v->set_number_value(d);
    return true;
  }

  bool ParseString(std::string* out) {
    ++pos_;  // '"'
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20)
        return Fail("control character in string");
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return Fail("bad \\u escape");
          if (cp >= 0xD800 &&
              cp < 0xDC00) {  // High surrogate: needs a low one.
            uint32_t lo;
            if (!(pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
                  s_[pos_ + 1] == 'u')) {
              return Fail("lone surrogate");
            }
            pos_ += 2;
            if (!Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF)
              return Fail("lone surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return Fail("lone surrogate");
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return Fail("bad escape");
      }
    }
    return Fail("unterminated string");
  }

  bool Hex4(uint32_t* cp) {
    if (pos_ + 4 > s_.size()) return false;
    *cp = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      *cp = *cp * 16 + d;
    }
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return Fail("bad literal");
    pos_ += word.size();
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' ||
                                s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

absl::Status Error(const Parser& p) {
  return absl::InvalidArgumentError(
      absl::StrCat("invalid JSON at byte ", p.pos(), ": ", p.error()));
}

}  // namespace

absl::Status JsonToStruct(std::string_view json,
                          google::protobuf::Struct* out) {
  out->Clear();
  Parser p(json);
  if (!p.ParseTopObject(out)) return Error(p);
  return absl::OkStatus();
}

absl::Status JsonToValue(std::string_view json, google::protobuf::Value* out) {
  out->Clear();
  Parser p(json);
  if (!p.ParseValue(out, 0) || !(p.AtEnd() || p.Fail("text after the value"))) {
    return Error(p);
  }
  return absl::OkStatus();
}

}  // namespace pwis::geo
