// Text normalisation for imported records: what Taiwan's feeds mix up.
#ifndef PWIS_IMPORTERS_TEXT_H_
#define PWIS_IMPORTERS_TEXT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace pwis::importers {

// Full-width ASCII forms (U+FF01..U+FF5E) become their ASCII characters and
// the ideographic space (U+3000) a space; everything else, including invalid
// UTF-8, passes through byte for byte. For numbers, dates and permit or
// license numbers, which feeds type in either width.
std::string ToHalfWidth(absl::string_view utf8);

// For matching names only (never for what is stored or shown): 臺 → 台, the
// two spellings feeds use for the same place (臺灣 / 台灣, 臺南 / 台南).
std::string MatchForm(absl::string_view utf8);

// Leading and trailing ASCII white space, the ideographic space and
// no-break spaces removed.
absl::string_view TrimSpace(absl::string_view utf8);

// `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD,
// so a file read in the wrong encoding cannot put broken text in the
// database or the reject file.
std::string ValidUtf8(absl::string_view s);

// A JSON string literal of `s` (quotes, backslashes and control
// characters escaped; other bytes as they are).
std::string JsonQuote(absl::string_view s);

// Big5 (CP950) bytes as UTF-8; nothing when they are not valid Big5 (a
// byte is never dropped or replaced silently, as GDAL's CPLRecode does).
std::optional<std::string> Big5ToUtf8(absl::string_view big5);

// A Taiwanese mobile number (09xx-xxx-xxx, +886 9xx…), written with any
// spaces, dashes, dots or parentheses: a person's phone, restricted.
bool IsMobilePhone(absl::string_view half_width);

// The road names an address or location text holds, in order, each once:
// "苓雅區四維三路與中正一路口" → 四維三路, 中正一路; "光華路二段123號" →
// 光華路二段. A name ends in 路, 街 or 大道 (with its 段) and starts after the
// district, village or city before it (區, 里, 高雄市) or a joining word (與,
// 及, 至, 、). For feeds that give a location but no road list.
std::vector<std::string> RoadNamesIn(absl::string_view utf8);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_TEXT_H_
