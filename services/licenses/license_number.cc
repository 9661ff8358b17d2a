#include "services/licenses/license_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "importers/text.h"

namespace pwis::licenses {
namespace {

constexpr char kExpected[] =
    "expected a license number such as (108)高市工建築字第02302號 (使/雜/拆字 "
    "for use, miscellaneous and demolition licenses; -01 for an amendment), "
    "or 108建字2302, or 108-2302";

// Leading ASCII digits of `s` (at most `max`), consumed.
bool Digits(absl::string_view& s, size_t max, int* value) {
  size_t n = 0;
  while (n < s.size() && n < max + 1 && absl::ascii_isdigit(s[n])) ++n;
  if (n == 0 || n > max) return false;
  if (!absl::SimpleAtoi(s.substr(0, n), value)) return false;
  s.remove_prefix(n);
  return true;
}

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("license number \"", text, "\": ", why,
                   why.empty() ? "" : "; ", kExpected));
}

}  // namespace

absl::StatusOr<LicenseNumber> ParseLicenseNumber(absl::string_view text) {
  if (text.size() > 200) return Bad(text.substr(0, 40), "too long");
  // Either width; spaces mean nothing in these numbers.
  const std::string cleaned = absl::StrReplaceAll(
      importers::ToHalfWidth(text), {{" ", ""}, {"\t", ""}, {"\u2014", "-"}});
  absl::string_view s = cleaned;
  if (s.empty()) return Bad(text, "empty");
  LicenseNumber n;
  const bool paren = absl::ConsumePrefix(&s, "(");
  absl::ConsumePrefix(&s, "民國");
  if (!Digits(s, 3, &n.roc_year)) return Bad(text, "no ROC year first");
  absl::ConsumePrefix(&s, "年");
  if (paren && !absl::ConsumePrefix(&s, ")")) {
    return Bad(text, "the year's parenthesis is not closed");
  }
  if (n.roc_year < 60 || n.roc_year > 200) {
    return Bad(text,
               absl::StrCat("ROC year ", n.roc_year, " is outside 60 to 200"));
  }
  // The issuer and the kind: 高市工建築使字第, 建字, 使字, 雜, or "-".
  bool dash_form = false;
  if (absl::ConsumePrefix(&s, "-")) {
    dash_form = true;
  } else {
    (void)(absl::ConsumePrefix(&s, "高雄市") ||
           absl::ConsumePrefix(&s, "高市"));
    absl::ConsumePrefix(&s, "政府");
    (void)(absl::ConsumePrefix(&s, "工務局") ||
           absl::ConsumePrefix(&s, "工務") || absl::ConsumePrefix(&s, "工"));
    (void)(absl::ConsumePrefix(&s, "建築") || absl::ConsumePrefix(&s, "建"));
    if (absl::ConsumePrefix(&s, "使")) {
      n.kind = LicenseKind::kUse;
    } else if (absl::ConsumePrefix(&s, "雜")) {
      n.kind = LicenseKind::kMiscellaneous;
    } else if (absl::ConsumePrefix(&s, "拆")) {
      n.kind = LicenseKind::kDemolition;
    }
    absl::ConsumePrefix(&s, "字");
    absl::ConsumePrefix(&s, "第");
  }
  if (!Digits(s, 5, &n.sequence) || n.sequence == 0) {
    return Bad(text, "no license sequence number (1 to 5 digits)");
  }
  if (absl::ConsumePrefix(&s, "-") || absl::ConsumePrefix(&s, "之")) {
    if (!Digits(s, 2, &n.version) || n.version == 0) {
      return Bad(text, "an amendment is -01 to -99");
    }
  }
  if (!dash_form) absl::ConsumePrefix(&s, "號");
  if (!s.empty()) {
    return Bad(text, absl::StrCat("unexpected \"", s, "\""));
  }
  return n;
}

namespace {

// Each kind: its stored name, labels, and the character its numbers carry
// (建築使字: use; none for a building license).
struct KindInfo {
  const char* name;
  const char* zh;
  const char* en;
  const char* infix;
};

const KindInfo& Info(LicenseKind kind) {
  static const KindInfo kInfo[] = {
      {"building", "建造執照", "building license", ""},
      {"use", "使用執照", "use license", "使"},
      {"miscellaneous", "雜項執照", "miscellaneous works license", "雜"},
      {"demolition", "拆除執照", "demolition license", "拆"},
  };
  return kInfo[static_cast<int>(kind)];
}

}  // namespace

const char* KindName(LicenseKind kind) { return Info(kind).name; }
const char* KindZh(LicenseKind kind) { return Info(kind).zh; }
const char* KindEn(LicenseKind kind) { return Info(kind).en; }

std::string LicenseNumber::Canonical() const {
  return absl::StrFormat(
      "(%d)高市工建築%s字第%05d%s號", roc_year, Info(kind).infix, sequence,
      version > 0 ? absl::StrFormat("-%02d", version) : std::string());
}

std::string LicenseNumber::DescribeZh() const {
  return absl::StrFormat(
      "%s %d年第%05d號%s", KindZh(kind), roc_year, sequence,
      version > 0 ? absl::StrFormat("（第%d次變更）", version) : std::string());
}

std::string LicenseNumber::DescribeEn() const {
  return absl::StrFormat(
      "%s no. %05d of ROC year %d (%d)%s", KindEn(kind), sequence, roc_year,
      roc_year + 1911,
      version > 0 ? absl::StrFormat(", amendment %d", version) : std::string());
}

}  // namespace pwis::licenses
