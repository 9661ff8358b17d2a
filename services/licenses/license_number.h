// Kaohsiung building-license numbers (執照字號): parsed from the forms the
// bureau prints and the loose ones people type, and written back in the
// bureau's form.
//
//   (108)高市工建築字第02302號        building license (建造執照), ROC 108, no.
//   2302 (113)高市工建築使字第01160號      use license (使用執照)
//   (110)高市工建築雜字第00123號      miscellaneous works (雜項執照)
//   (110)高市工建築拆字第00045號      demolition (拆除執照)
//   (110)高市工建築字第01930-01號     the first amendment of no. 1930
//
// Loose forms: full-width digits and parentheses, no parentheses, spaces,
// the prefix shortened or left out (108建字2302, 108使字1160, 108雜2302),
// or just year and number (108-2302, 108-2302-01: a building license).
#ifndef PWIS_SERVICES_LICENSES_LICENSE_NUMBER_H_
#define PWIS_SERVICES_LICENSES_LICENSE_NUMBER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pwis::licenses {

enum class LicenseKind { kBuilding, kUse, kMiscellaneous, kDemolition };

struct LicenseNumber {
  int roc_year = 0;  // 民國 year, 1912 = 1
  LicenseKind kind = LicenseKind::kBuilding;
  int sequence = 0;  // 1..99999
  int version = 0;   // 0: the original; 1..99: its amendments (-01 ...)

  // The bureau's form: (108)高市工建築字第02302號, -01 before 號.
  std::string Canonical() const;
  // What it names, for people: "建造執照 108年第02302號" / "building license
  // no. 02302 of ROC 108 (2019)".
  std::string DescribeZh() const;
  std::string DescribeEn() const;

  bool operator==(const LicenseNumber& o) const {
    return roc_year == o.roc_year && kind == o.kind && sequence == o.sequence &&
           version == o.version;
  }
};

// INVALID_ARGUMENT naming the expected form when `text` is none of the
// forms above (or names a year before ROC 60 or after ROC 200).
absl::StatusOr<LicenseNumber> ParseLicenseNumber(absl::string_view text);

// The kind's name as stored and its labels.
const char* KindName(
    LicenseKind kind);  // building, use, miscellaneous, demolition
const char* KindZh(LicenseKind kind);  // 建造執照, 使用執照, 雜項執照, 拆除執照
const char* KindEn(LicenseKind kind);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_LICENSE_NUMBER_H_
