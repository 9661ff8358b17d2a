// The pipeline agencies a permit or a network belongs to, found by what a
// feed writes: the agency's code, or its name as agencies spell it (臺/台,
// full-width, spaces, 股份有限公司 or 公司: "台灣電力股份有限公司高雄區營業處"
// is "臺灣電力公司 高雄區營業處").
#ifndef PWIS_IMPORTERS_AGENCIES_H_
#define PWIS_IMPORTERS_AGENCIES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "importers/field_values.h"
#include "importers/load_target.h"

namespace pwis::importers {

class AgencyDirectory {
 public:
  struct Agency {
    int64_t id;
    std::string pipeline_type;  // its own, a permit's default
  };
  // Reads pipeline_agencies.
  static absl::StatusOr<std::unique_ptr<AgencyDirectory>> Load(
      pqxx::connection& conn);
  // The agency with that code (exactly, else in any case) or name, or why
  // none is: no agency has it, or several do (two agencies whose names
  // fold alike are never guessed between).
  std::variant<const Agency*, std::string> Find(
      const std::string& code_or_name) const;

 private:
  AgencyDirectory() = default;
  struct Entry {
    Agency agency;
    std::string code;
  };
  std::vector<Entry> agencies_;
  std::map<std::string, size_t> by_code_;                // as stored
  std::map<std::string, std::vector<size_t>> by_upper_;  // upper case
  std::map<std::string, std::vector<size_t>> by_name_;   // match form
};

// A target whose rows belong to an agency (permits, networks): the
// directory read once, and a record's `agency` resolved.
class AgencyTarget : public LoadTarget {
 public:
  absl::Status Prepare(pqxx::connection& conn) override;

 protected:
  // The agency the record's `agency` field names, or the reject.
  std::variant<const AgencyDirectory::Agency*, Reject> Agency(
      const Fields& f) const;

 private:
  std::unique_ptr<AgencyDirectory> agencies_;
};

// The form names are compared in.
std::string AgencyMatchForm(const std::string& name);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_AGENCIES_H_
