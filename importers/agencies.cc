#include "importers/agencies.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "importers/text.h"

namespace pwis::importers {

std::string AgencyMatchForm(const std::string& name) {
  std::string s = absl::AsciiStrToUpper(MatchForm(ToHalfWidth(name)));
  std::string out;
  for (char c : s) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) out += c;
  }
  return absl::StrReplaceAll(out, {{"股份有限公司", "公司"},
                                   {"有限公司", "公司"},
                                   {"(股)", ""},
                                   {"CO.,LTD.", ""},
                                   {",", ""}});
}

absl::StatusOr<std::unique_ptr<AgencyDirectory>> AgencyDirectory::Load(
    pqxx::connection& conn) {
  std::unique_ptr<AgencyDirectory> d(new AgencyDirectory);
  try {
    pqxx::read_transaction tx(conn);
    for (const pqxx::row& row :
         tx.exec("SELECT id, code, name_zh, name_en, pipeline_type::text "
                 "FROM pipeline_agencies ORDER BY id")) {
      const Agency a{row[0].as<int64_t>(), row[4].c_str()};
      d->by_code_.emplace(absl::AsciiStrToUpper(row[1].c_str()), a);
      d->by_name_.emplace(AgencyMatchForm(row[2].c_str()), a);
      if (*row[3].c_str() != '\0') {
        d->by_name_.emplace(AgencyMatchForm(row[3].c_str()), a);
      }
    }
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("reading pipeline_agencies failed: ", e.what()));
  }
  return d;
}

const AgencyDirectory::Agency* AgencyDirectory::Find(
    const std::string& code_or_name) const {
  const std::string v(TrimSpace(ToHalfWidth(code_or_name)));
  if (auto it = by_code_.find(absl::AsciiStrToUpper(v)); it != by_code_.end()) {
    return &it->second;
  }
  if (auto it = by_name_.find(AgencyMatchForm(v)); it != by_name_.end()) {
    return &it->second;
  }
  return nullptr;
}

absl::Status AgencyTarget::Prepare(pqxx::connection& conn) {
  auto agencies = AgencyDirectory::Load(conn);
  if (!agencies.ok()) return agencies.status();
  agencies_ = *std::move(agencies);
  return absl::OkStatus();
}

std::variant<const AgencyDirectory::Agency*, Reject> AgencyTarget::Agency(
    const Fields& f) const {
  const std::string text = f.Get("agency");
  if (text.empty()) {
    return Reject{"agency",
                  "required (a layout without an agency column is loaded "
                  "with --agency CODE)"};
  }
  const AgencyDirectory::Agency* agency = agencies_->Find(text);
  if (agency == nullptr) {
    return Reject{"agency", absl::StrCat("\"", text,
                                         "\": no pipeline agency has this "
                                         "code or name (pipeline_agencies)")};
  }
  return agency;
}

}  // namespace pwis::importers
