// Personal-data protection for names in public answers (個人資料保護):
// a natural person's name is masked, an organisation's (a company, an
// architect's office, an agency) is shown in full.
//
//   王小明 → 王○明    王明 → 王○    歐陽小明 → 歐○○明
//   王小明、李大華 → 王○明、李○華    王小明等3人 → 王○明等3人
//   John Smith → J*** S****
//   大高雄營造股份有限公司, 林建築師事務所 → as they are
#ifndef PWIS_SERVICES_LICENSES_PERSON_NAMES_H_
#define PWIS_SERVICES_LICENSES_PERSON_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace pwis::licenses {

// True for a name that is an organisation's: it ends in (or holds) a word
// only organisations have (公司, 事務所, 協會, 基金會, 政府, 局, 學校, 銀行,
// 管理委員會, 合作社, 廟, 教會, ...; Ltd., Inc., Co.).
bool IsOrganisation(absl::string_view name);

// `name` as a public answer may show it: organisations in full, each
// person of a list masked (see above). Invalid UTF-8 is masked whole.
std::string PublicName(absl::string_view name);

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_PERSON_NAMES_H_
