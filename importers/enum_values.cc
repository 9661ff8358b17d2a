#include "importers/enum_values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "importers/text.h"

namespace pwis::importers {

std::optional<std::string> EnumName(store::EnumTable table,
                                    const std::string& value) {
  std::string v = absl::AsciiStrToLower(ToHalfWidth(TrimSpace(value)));
  for (char& c : v) {
    if (c == '-' || c == ' ') c = '_';
  }
  const std::string zh = MatchForm(TrimSpace(value));
  for (const store::EnumEntry& e : table) {
    if (v == e.name || zh == MatchForm(e.zh_tw) ||
        absl::AsciiStrToLower(TrimSpace(value)) ==
            absl::AsciiStrToLower(e.en)) {
      return std::string(e.name);
    }
  }
  return std::nullopt;
}

std::string EnumNames(store::EnumTable table) {
  std::string out;
  for (const store::EnumEntry& e : table) {
    if (!out.empty()) out += ", ";
    out += e.name;
  }
  return out;
}

std::variant<std::string, Reject> EnumField(const Fields& f, const char* field,
                                            store::EnumTable table,
                                            const std::string& fallback) {
  const std::string given = f.Get(field);
  if (given.empty()) return fallback;
  auto name = EnumName(table, given);
  if (!name.has_value()) {
    return Reject{field,
                  absl::StrCat("\"", given, "\": not one of ", EnumNames(table),
                               " (or their zh-TW or English labels)")};
  }
  return *name;
}

}  // namespace pwis::importers
