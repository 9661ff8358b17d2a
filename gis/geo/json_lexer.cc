#include "gis/geo/json_lexer.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace pwis::geo {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(uint32_t cp, std::string* out) {
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

}  // namespace

bool JsonLexer::ParseString(std::string* out) {
  ++pos_;  // '"'
  while (pos_ < s_.size()) {
    // The run up to the next quote, escape or control character at once:
    // most strings have none inside.
    size_t run = pos_;
    while (run < s_.size() && s_[run] != '"' && s_[run] != '\\' &&
           static_cast<unsigned char>(s_[run]) >= 0x20) {
      ++run;
    }
    out->append(s_.data() + pos_, run - pos_);
    pos_ = run;
    if (pos_ >= s_.size()) break;
    char c = s_[pos_++];
    if (c == '"') return true;
    if (c != '\\') return Fail("control character in string");
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
        if (cp >= 0xD800 && cp < 0xDC00) {  // High surrogate: needs a low one.
          uint32_t lo;
          if (!(pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
                s_[pos_ + 1] == 'u')) {
            return Fail("lone surrogate");
          }
          pos_ += 2;
          if (!Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) {
            return Fail("lone surrogate");
          }
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

bool JsonLexer::ParseNumber(double* out, std::string_view* token) {
  size_t start = pos_;
  if (Peek('-')) ++pos_;
  if (!(pos_ < s_.size() && IsDigit(s_[pos_]))) return Fail("bad value");
  while (pos_ < s_.size() &&
         (IsDigit(s_[pos_]) || s_[pos_] == '.' || s_[pos_] == 'e' ||
          s_[pos_] == 'E' || s_[pos_] == '+' || s_[pos_] == '-')) {
    ++pos_;
  }
  auto [end, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, *out);
  if (ec != std::errc() || end != s_.data() + pos_ || !std::isfinite(*out)) {
    return Fail("bad number");
  }
  if (token != nullptr) *token = s_.substr(start, pos_ - start);
  return true;
}

bool JsonLexer::Literal(std::string_view word) {
  if (s_.substr(pos_, word.size()) != word) return Fail("bad literal");
  pos_ += word.size();
  return true;
}

bool JsonLexer::EndOrComma(char close, bool* more) {
  SkipSpace();
  if (Peek(',')) {
    ++pos_;
    *more = true;
    return true;
  }
  if (Peek(close)) {
    ++pos_;
    *more = false;
    return true;
  }
  return Fail(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

bool JsonLexer::SkipValue(int depth) {
  SkipSpace();
  switch (Next()) {
    case '\0':
      return Fail("unexpected end");
    case '"': {
      std::string ignored;
      return ParseString(&ignored);
    }
    case 't':
      return Literal("true");
    case 'f':
      return Literal("false");
    case 'n':
      return Literal("null");
    case '{':
    case '[': {
      const char close = Next() == '{' ? '}' : ']';
      if (depth + 1 > kMaxDepth) return Fail("nested too deeply");
      ++pos_;
      if (Consume(close)) return true;
      for (bool more = true; more;) {
        if (close == '}') {
          SkipSpace();
          std::string key;
          if (!Peek('"') || !ParseString(&key)) return Fail("expected a key");
          if (!Consume(':')) return Fail("expected ':'");
        }
        if (!SkipValue(depth + 1) || !EndOrComma(close, &more)) return false;
      }
      return true;
    }
    default: {
      double ignored;
      return ParseNumber(&ignored);
    }
  }
}

bool JsonLexer::Hex4(uint32_t* cp) {
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

absl::Status JsonLexer::Error() const {
  return absl::InvalidArgumentError(
      absl::StrCat("invalid JSON at byte ", pos_, ": ", error_));
}

}  // namespace pwis::geo
