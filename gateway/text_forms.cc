#include "gateway/text_forms.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace pwis::gateway {
namespace {

bool Digits(absl::string_view s, size_t* i) {
  size_t start = *i;
  while (*i < s.size() &&
         absl::ascii_isdigit(static_cast<unsigned char>(s[*i])))
    ++*i;
  return *i > start;
}

// Exactly `n` digits at `*i`, as a number.
bool Fixed(absl::string_view s, size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool Expect(absl::string_view s, size_t* i, char c) {
  if (*i >= s.size() || s[*i] != c) return false;
  ++*i;
  return true;
}

// Up to nine fraction digits after a '.', as nanoseconds; none if absent.
bool Fraction(absl::string_view s, size_t* i, int32_t* nanos) {
  *nanos = 0;
  if (*i >= s.size() || s[*i] != '.') return true;
  ++*i;
  size_t start = *i;
  if (!Digits(s, i) || *i - start > 9) return false;
  int32_t v = 0;
  for (size_t k = start; k < start + 9; ++k) {
    v = v * 10 + (k < *i ? s[k] - '0' : 0);
  }
  *nanos = v;
  return true;
}

// Length of the UTF-8 sequence at s[i], or 0 if it is not valid there.
size_t Utf8Length(absl::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  int n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    n = 1, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n >= s.size()) return 0;  // Truncated.
  for (int k = 1; k <= n; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n + 1;
}

}  // namespace

bool IsDecimalInteger(absl::string_view t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  size_t start = i;
  if (!Digits(t, &i) || i != t.size()) return false;
  return !(t[start] == '0' && i - start > 1);
}

bool ParseDecimal(absl::string_view t, double* out) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  bool whole = Digits(t, &i);
  bool frac = false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    frac = Digits(t, &i);
  }
  if (!whole && !frac) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!Digits(t, &i)) return false;
  }
  if (i != t.size()) return false;
  return absl::SimpleAtod(t, out) && std::isfinite(*out);
}

TimeTextError ParseTimestampText(absl::string_view s, int64_t* seconds,
                                 int32_t* nanos) {
  size_t i = 0;
  int y, mo, d, h, mi, sec;
  if (!Fixed(s, &i, 4, &y) || !Expect(s, &i, '-') || !Fixed(s, &i, 2, &mo) ||
      !Expect(s, &i, '-') || !Fixed(s, &i, 2, &d)) {
    return TimeTextError::kSyntax;
  }
  if (i >= s.size() || (s[i] != 'T' && s[i] != 't')) {
    return TimeTextError::kSyntax;
  }
  ++i;
  if (!Fixed(s, &i, 2, &h) || !Expect(s, &i, ':') || !Fixed(s, &i, 2, &mi) ||
      !Expect(s, &i, ':') || !Fixed(s, &i, 2, &sec) ||
      !Fraction(s, &i, nanos)) {
    return TimeTextError::kSyntax;
  }
  int offset = 0;  // Seconds east of UTC.
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int sign = s[i] == '-' ? -1 : 1;
    ++i;
    int oh, om;
    if (!Fixed(s, &i, 2, &oh) || !Expect(s, &i, ':') || !Fixed(s, &i, 2, &om) ||
        oh > 23 || om > 59) {
      return TimeTextError::kSyntax;
    }
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return TimeTextError::kSyntax;  // RFC 3339 requires a zone.
  }
  if (i != s.size()) return TimeTextError::kSyntax;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) {
    return TimeTextError::kSyntax;
  }
  absl::CivilSecond civil(y, mo, d, h, mi, sec);
  if (civil.day() != d) return TimeTextError::kSyntax;  // 31 April etc.
  int64_t utc = (civil - absl::CivilSecond(1970, 1, 1, 0, 0, 0)) - offset;
  if (utc < kTimestampMinSeconds || utc > kTimestampMaxSeconds) {
    return TimeTextError::kRange;
  }
  *seconds = utc;
  return TimeTextError::kNone;
}

TimeTextError ParseDurationText(absl::string_view s, int64_t* seconds,
                                int32_t* nanos) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  size_t start = i;
  if (!Digits(s, &i)) return TimeTextError::kSyntax;
  absl::string_view whole = s.substr(start, i - start);
  int32_t n;
  if (!Fraction(s, &i, &n) || !Expect(s, &i, 's') || i != s.size()) {
    return TimeTextError::kSyntax;
  }
  uint64_t v = 0;
  if (whole.size() > 12 || !absl::SimpleAtoi(whole, &v) ||
      v > static_cast<uint64_t>(kDurationMaxSeconds)) {
    return TimeTextError::kRange;
  }
  *seconds = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  *nanos = negative ? -n : n;
  return TimeTextError::kNone;
}

bool IsValidUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string DisplayForm(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8Length(s, i);
    unsigned char c = s[i];
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f))) {
      absl::StrAppendFormat(&out, "%%%02X", c);
      ++i;
      continue;
    }
    out.append(s.data() + i, n);
    i += n;
  }
  return out;
}

std::string Truncated(absl::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t n = max_bytes > 3 ? max_bytes - 3 : 0;
  // Back up to a character start (not a UTF-8 continuation byte).
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return absl::StrCat(s.substr(0, n), "...");
}

bool IsSaneRequestId(absl::string_view v) {
  if (v.empty() || v.size() > 128) return false;
  for (char c : v) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.' && c != ':') {
      return false;
    }
  }
  return true;
}

}  // namespace pwis::gateway
