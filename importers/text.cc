#include "importers/text.h"

#include <iconv.h>

#include <algorithm>
#include <string_view>
#include <vector>

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

std::optional<std::string> Big5ToUtf8(absl::string_view big5) {
  // One converter for the process (pwis-import reads on one thread).
  static iconv_t cd = iconv_open("UTF-8", "CP950");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the state
  std::string in(big5), out(big5.size() * 2 + 4, '\0');
  char* src = in.data();
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1) ||
      src_left != 0) {
    return std::nullopt;
  }
  out.resize(out.size() - dst_left);
  return out;
}

bool IsMobilePhone(absl::string_view half_width) {
  // Pieces of digits (with the separators numbers are written with)
  // between spaces; a mobile number is any run of consecutive pieces whose
  // digits are 09 and eight more (or +886 9…, "(0)" allowed), so
  // "手機:0912-345-678", "07-1234567 0912345678" and "0912 345 678" are
  // all found.
  std::string text(half_width);
  for (const char* dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                           "\u2015", "\u2212", "\uFF0D"}) {
    text = absl::StrReplaceAll(text, {{dash, "-"}});
  }
  text = absl::StrReplaceAll(text, {{"(0)", ""}});
  std::vector<std::string> pieces;
  std::string piece;
  auto end_piece = [&] {
    if (!piece.empty()) pieces.push_back(piece);
    piece.clear();
  };
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      piece += c;
    } else if (c == '-' || c == '.' || c == '(' || c == ')' || c == '+') {
      // Part of the number as written.
    } else {
      end_piece();
    }
  }
  end_piece();
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string digits;
    for (size_t j = i; j < pieces.size() && digits.size() < 13; ++j) {
      digits += pieces[j];
      std::string d = digits;
      if (d.rfind("886", 0) == 0) d = "0" + d.substr(3);
      if (d.size() == 10 && d.rfind("09", 0) == 0) return true;
    }
  }
  return false;
}

namespace {

// UTF-8 → code points (invalid bytes as U+FFFD).
std::u32string CodePoints(absl::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80         ? 1
              : (b >> 5) == 6  ? 2
              : (b >> 4) == 14 ? 3
              : (b >> 3) == 30 ? 4
                               : 0;
    if (len == 0 || i + len > s.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (t & 0x3F);
    }
    out += ok ? c : U'\uFFFD';
    i += ok ? len : 1;
  }
  return out;
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool Ideograph(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

bool Numeral(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十0123456789").find(c) !=
         std::u32string_view::npos;
}

bool In(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

// Where a name cannot reach back across: the character before s[k].
// 至, 與 and 及 join two places only after the end of one (中山一路至中正路,
// 100號至200號); elsewhere they may be a name's own (左營區至聖路).
bool Boundary(const std::u32string& s, size_t k) {
  const char32_t c = s[k - 1];
  if (!Ideograph(c) || In(U"區里鄰、段巷弄號", c)) return true;
  if (In(U"至與及", c)) {
    return k < 2 || !Ideograph(s[k - 2]) || In(U"路街道段號巷弄口", s[k - 2]);
  }
  return false;
}

}  // namespace

std::vector<std::string> RoadNamesIn(absl::string_view utf8) {
  // "中山２路" and "２段" are written in either width.
  const std::u32string s = CodePoints(ToHalfWidth(utf8));
  std::vector<std::string> out;
  size_t floor = 0;  // names do not overlap
  for (size_t i = 0; i < s.size(); ++i) {
    size_t end = 0;  // one past the name's last character
    if (s[i] == U'路' || s[i] == U'街') {
      end = i + 1;
    } else if (s[i] == U'大' && i + 1 < s.size() && s[i + 1] == U'道') {
      end = i + 2;
    } else {
      continue;
    }
    // 路竹區: a district's name, not a road's end.
    if (s[i] == U'路' &&
        ((i + 2 < s.size() && Ideograph(s[i + 1]) && s[i + 2] == U'區') ||
         (i + 3 < s.size() && Ideograph(s[i + 1]) && Ideograph(s[i + 2]) &&
          s[i + 3] == U'區'))) {
      continue;
    }
    size_t start = i;
    while (start > floor && !Boundary(s, start) && i - start < 10) {
      --start;
    }
    // "高雄市中山二路": the city before the name is not part of it.
    for (std::u32string_view city : {U"高雄市", U"臺灣省", U"台灣省"}) {
      if (s.compare(start, city.size(), city) == 0 && start + city.size() < i) {
        start += city.size();
      }
    }
    if (start == i) continue;  // 路 alone, or after a boundary
    // Its section: 光華路二段.
    size_t k = end;
    while (k < s.size() && Numeral(s[k])) ++k;
    if (k > end && k < s.size() && s[k] == U'段') end = k + 1;
    const std::string name = Utf8(s.substr(start, end - start));
    if (std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
    floor = end;
    i = end - 1;
  }
  return out;
}

}  // namespace pwis::importers
