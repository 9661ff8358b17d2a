#include "importers/text.h"

#include "absl/strings/str_replace.h"

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
  auto space_at_front = [&](size_t& n) {
    if (s.empty()) return false;
    const char c = s.front();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
        c == '\v') {
      n = 1;
      return true;
    }
    if (s.substr(0, 3) == "\xE3\x80\x80") return n = 3, true;  // U+3000
    if (s.substr(0, 2) == "\xC2\xA0") return n = 2, true;      // U+00A0
    return false;
  };
  auto space_at_back = [&](size_t& n) {
    if (s.empty()) return false;
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
        c == '\v') {
      n = 1;
      return true;
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      return n = 3, true;
    }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      return n = 2, true;
    }
    return false;
  };
  size_t n = 0;
  while (space_at_front(n)) s.remove_prefix(n);
  while (space_at_back(n)) s.remove_suffix(n);
  return s;
}

}  // namespace pwis::importers
