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
      const size_t i = d->agencies_.size();
      d->agencies_.push_back(
          Entry{Agency{row[0].as<int64_t>(), row[4].c_str()}, row[1].c_str()});
      d->by_code_[row[1].c_str()] = i;
      d->by_upper_[absl::AsciiStrToUpper(row[1].c_str())].push_back(i);
      auto& zh = d->by_name_[AgencyMatchForm(row[2].c_str())];
      zh.push_back(i);
      if (*row[3].c_str() != '\0') {
        auto& en = d->by_name_[AgencyMatchForm(row[3].c_str())];
        if (en.empty() || en.back() != i) en.push_back(i);
      }
    }
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("reading pipeline_agencies failed: ", e.what()));
  }
  return d;
}

std::variant<const AgencyDirectory::Agency*, std::string> AgencyDirectory::Find(
    const std::string& code_or_name) const {
  const std::string v(TrimSpace(ToHalfWidth(code_or_name)));
  if (auto it = by_code_.find(v); it != by_code_.end()) {
    return &agencies_[it->second].agency;
  }
  auto one = [&](const std::vector<size_t>& found)
      -> std::variant<const Agency*, std::string> {
    if (found.size() == 1) return &agencies_[found[0]].agency;
    std::string codes;
    for (size_t i : found) {
      absl::StrAppend(&codes, codes.empty() ? "" : ", ", agencies_[i].code);
    }
    return absl::StrCat("\"", code_or_name, "\": several agencies match (",
                        codes, "); give the code");
  };
  if (auto it = by_upper_.find(absl::AsciiStrToUpper(v));
      it != by_upper_.end()) {
    return one(it->second);
  }
  if (auto it = by_name_.find(AgencyMatchForm(v)); it != by_name_.end()) {
    return one(it->second);
  }
  return absl::StrCat("\"", code_or_name,
                      "\": no pipeline agency has this code or name "
                      "(pipeline_agencies)");
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
  auto found = agencies_->Find(text);
  if (auto* why = std::get_if<std::string>(&found)) {
    return Reject{"agency", *why};
  }
  return std::get<const AgencyDirectory::Agency*>(found);
}

}  // namespace pwis::importers
