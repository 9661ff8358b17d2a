#include "importers/text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace pwis::importers {

std::string ToHalfWidth(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    // U+FF01..U+FF5E are EF BC 81..EF BC BF and EF BD 80..EF BD 9E.
    if (b == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      unsigned code = 0;
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) code = 0xFF00 + (b2 - 0x80);
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) code = 0xFF40 + (b2 - 0x80);
      if (code != 0) {
        out.push_back(static_cast<char>(code - 0xFEE0));
        i += 3;
        continue;
      }
    }
    // U+3000 ideographic space: E3 80 80.
    if (b == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' &&
        s[i + 2] == '\x80') {
      out.push_back(' ');
      i += 3;
      continue;
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::string MatchForm(absl::string_view s) {
  return absl::StrReplaceAll(s, {{"臺", "台"}});
}

absl::string_view TrimSpace(absl::string_view s) {
  // ASCII white space, U+3000 ideographic space, U+00A0 no-break space.
  static constexpr absl::string_view kSpaces[] = {
      " ", "\t", "\r", "\n", "\f", "\v", "\xE3\x80\x80", "\xC2\xA0"};
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (absl::string_view space : kSpaces) {
      if (absl::ConsumePrefix(&s, space)) trimmed = true;
      if (absl::ConsumeSuffix(&s, space)) trimmed = true;
    }
  }
  return s;
}

std::string ValidUtf8(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto cont = [&](size_t i) {
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  };
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (b < 0x80) {
      n = 1;
    } else if (b >= 0xC2 && b <= 0xDF && cont(i + 1)) {
      n = 2;
    } else if (b >= 0xE0 && b <= 0xEF && cont(i + 1) && cont(i + 2)) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      // No overlong forms, no UTF-16 surrogates.
      if (!(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0)) n = 3;
    } else if (b >= 0xF0 && b <= 0xF4 && cont(i + 1) && cont(i + 2) &&
               cont(i + 3)) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (!(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90)) n = 4;
    }
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  return out;
}

std::string JsonQuote(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(c, absl::kZeroPad2));
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

bool IsMobilePhone(absl::string_view half_width) {
  std::string digits;
  for (size_t i = 0; i < half_width.size(); ++i) {
    const char c = half_width[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty()) {
      continue;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      break;  // an extension or a note: the number is what came before
    }
  }
  if (digits.rfind("886", 0) == 0) digits = "0" + digits.substr(3);
  return digits.size() == 10 && digits.rfind("09", 0) == 0;
}

}  // namespace pwis::importers
