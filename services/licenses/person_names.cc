#include "services/licenses/person_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "importers/text.h"

namespace pwis::licenses {
namespace {

constexpr char kMask[] = "○";

// Words only organisations' names hold, anywhere in the name.
constexpr absl::string_view kOrganisationWords[] = {
    "公司",     "事務所", "商行",       "企業社", "工程行", "協會",  "學會",
    "基金會",   "合作社", "管理委員會", "管委會", "委員會", "政府",  "公所",
    "學校",     "大學",   "醫院",       "銀行",   "農會",   "漁會",  "教會",
    "祭祀公業", "神明會", "法人",       "機構",   "集團",   "辦公室"};
// Words that end organisations' names but may end a person's too (李明堂,
// 王建設): only in a name of four characters or more. A person taken for
// an organisation would be published; the reverse only over-masks.
constexpr absl::string_view kOrganisationEndings[] = {
    "局", "處", "署",   "部",   "院",   "寺",  "宮",
    "廟", "堂", "中心", "營造", "建設", "實業"};
constexpr absl::string_view kLatinOrganisationWords[] = {
    "ltd",  "inc",    "co.",         "corp",       "company", "llc",
    "gmbh", "office", "association", "foundation", "bureau"};

// UTF-8 characters of `s`, or none when it is not valid UTF-8.
bool Characters(absl::string_view s, std::vector<absl::string_view>* out) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80         ? 1
                       : (b >> 5) == 6  ? 2
                       : (b >> 4) == 14 ? 3
                       : (b >> 3) == 30 ? 4
                                        : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    out->push_back(s.substr(i, len));
    i += len;
  }
  return true;
}

// One person's name, masked.
std::string MaskPerson(absl::string_view name) {
  name = importers::TrimSpace(name);
  if (name.empty()) return "";
  // 王小明等3人: the name before, the count kept.
  std::string suffix;
  if (size_t at = name.find("等"); at != absl::string_view::npos && at > 0) {
    suffix = std::string(name.substr(at));
    name = name.substr(0, at);
  }
  std::vector<absl::string_view> chars;
  if (!Characters(name, &chars)) return kMask;
  const bool latin = chars[0].size() == 1;
  if (latin) {
    // Each word's first letter; the rest starred.
    std::string out;
    for (absl::string_view word :
         absl::StrSplit(name, absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
      if (!out.empty()) out += ' ';
      // A letter stays; anything else (a CJK character among Latin ones)
      // is starred too, so no byte of a character is ever cut.
      const bool letter =
          absl::ascii_isalnum(static_cast<unsigned char>(word[0]));
      out += letter ? word[0] : '*';
      out.append(word.size() - 1, '*');
    }
    return out + suffix;
  }
  if (chars.size() == 1) return kMask + suffix;
  std::string out(chars[0]);
  if (chars.size() == 2) return absl::StrCat(out, kMask, suffix);
  for (size_t i = 1; i + 1 < chars.size(); ++i) out += kMask;
  return absl::StrCat(out, chars.back(), suffix);
}

}  // namespace

bool IsOrganisation(absl::string_view name) {
  name = importers::TrimSpace(name);
  for (absl::string_view w : kOrganisationWords) {
    if (absl::StrContains(name, w)) return true;
  }
  std::vector<absl::string_view> chars;
  if (Characters(name, &chars) && chars.size() >= 4) {
    for (absl::string_view w : kOrganisationEndings) {
      if (absl::EndsWith(name, w)) return true;
    }
  }
  const std::string lower = absl::AsciiStrToLower(name);
  for (absl::string_view w : kLatinOrganisationWords) {
    if (absl::StrContains(lower, w)) return true;
  }
  return false;
}

std::string PublicName(absl::string_view name) {
  // A list of parties: 王小明、李大華 (or ; and commas, in either width).
  // An organisation's name may hold a comma itself (ACME Co., Ltd.).
  const std::string list =
      absl::StrReplaceAll(importers::ToHalfWidth(name), {{";", "、"}});
  std::string out;
  bool first = true;
  for (absl::string_view piece : absl::StrSplit(list, "、")) {
    if (!first) out += "、";
    first = false;
    if (IsOrganisation(piece)) {
      absl::StrAppend(&out, importers::TrimSpace(piece));
      continue;
    }
    bool first_person = true;
    for (absl::string_view person : absl::StrSplit(piece, ',')) {
      if (!first_person) out += ",";
      first_person = false;
      out += MaskPerson(person);
    }
  }
  return out;
}

}  // namespace pwis::licenses
