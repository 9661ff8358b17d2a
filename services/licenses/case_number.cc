#include "services/licenses/case_number.h"

#include "absl/strings/ascii.h"
#include "importers/text.h"

namespace pwis::licenses {

std::optional<std::string> CaseCode(absl::string_view text, bool keep_dashes,
                                    size_t min, size_t max) {
  std::string out;
  for (char c : importers::ToHalfWidth(text)) {
    if (c == ' ' || (!keep_dashes && c == '-')) continue;
    c = absl::ascii_toupper(static_cast<unsigned char>(c));
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
        !(c >= 'A' && c <= 'Z') && c != '-') {
      return std::nullopt;
    }
    out += c;
  }
  if (out.size() < min || out.size() > max) return std::nullopt;
  return out;
}

}  // namespace pwis::licenses
