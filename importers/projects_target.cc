#include "importers/projects_target.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gis/store/projects_store.h"
#include "importers/agencies.h"
#include "importers/enum_values.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

// Statuses a project may have before its contract starts (the table's
// contract_start_date_status rule) and those with a completion day
// (actual_completion_date_status).
bool MayLackContract(const std::string& status) {
  return status == "planning" || status == "design" || status == "tendering" ||
         status == "cancelled";
}
bool Finished(const std::string& status) {
  return status == "completed" || status == "accepted";
}

class ProjectsTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "projects",
        {"project_no", "name_zh", "name_en", "unit_code", "category", "status",
         "location", "road_names", "budget", "contract_amount", "contractor",
         "supervisor", "designer", "contract_start", "planned_completion",
         "extension_days", "actual_completion"},
        {{"project_no", "s.project_no"},
         {"name_zh", "s.name_zh"},
         {"name_en", "s.name_en"},
         {"unit_code", "s.unit_code"},
         {"category", "s.category::project_category"},
         {"status", "s.status::project_status"},
         {"location", "s.location"},
         {"road_names", "s.road_names::text[]"},
         {"budget", "s.budget::bigint"},
         {"contract_amount", "s.contract_amount::bigint"},
         {"contractor", "s.contractor"},
         {"supervisor", "s.supervisor"},
         {"designer", "s.designer"},
         {"contract_start", "s.contract_start::date"},
         {"planned_completion", "s.planned_completion::date"},
         {"extension_days", "s.extension_days::integer"},
         {"actual_completion", "s.actual_completion::date"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override {
    return AnyFeature(/*required=*/false);
  }

  // The units, by code and by each name, folded.
  absl::Status Prepare(pqxx::connection& conn) override {
    try {
      pqxx::read_transaction tx(conn);
      for (const auto& row :
           tx.exec("SELECT code, name_zh, name_en FROM project_units")) {
        const std::string code = row[0].c_str();
        codes_.push_back(code);
        for (int i = 0; i < 3; ++i) {
          const std::string key = UnitKey(row[i].c_str());
          if (!key.empty()) units_[key] = code;
        }
      }
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("reading project_units: ", e.what()));
    }
    return absl::OkStatus();
  }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    const std::string project_no = f.Half("project_no");
    if (project_no.empty()) return Reject{"project_no", "missing"};
    if (project_no.size() > 100) {
      return Reject{"project_no", "longer than 100 bytes"};
    }
    const std::string name_zh = ValidUtf8(f.Get("name_zh"));
    if (name_zh.empty()) return Reject{"name_zh", "missing"};
    for (const char* name : {"name_zh", "name_en", "location"}) {
      if (f.Get(name).size() > 2000) {
        return Reject{name, "longer than 2000 bytes"};
      }
    }
    const std::string unit_text = f.Get("unit");
    auto unit = units_.find(UnitKey(unit_text));
    if (unit == units_.end()) {
      return Reject{"unit", absl::StrCat("\"", unit_text,
                                         "\": not a unit code or name (codes: ",
                                         absl::StrJoin(codes_, ", "), ")")};
    }
    auto category =
        EnumField(f, "category", store::ProjectCategories(), "other");
    if (auto* r = std::get_if<Reject>(&category)) return *r;
    auto status = EnumField(f, "status", store::ProjectStatuses(), "");
    if (auto* r = std::get_if<Reject>(&status)) return *r;
    const std::string st = std::get<std::string>(status);
    if (st.empty()) return Reject{"status", "missing"};

    struct Money {
      const char* name;
      double max;
    };
    std::vector<std::optional<std::string>> numbers;
    for (const Money& m :
         {Money{"budget", 1e14}, Money{"contract_amount", 1e14},
          Money{"extension_days", 36500}}) {
      auto d = Decimal(f.Get(m.name), m.max);
      if (auto* why = std::get_if<std::string>(&d)) {
        return Reject{m.name, *why};
      }
      auto text = NumberText(std::get<std::optional<double>>(d), true);
      numbers.push_back(text ? *text : "0");
    }

    std::optional<std::string> days[3];
    const char* day_fields[3] = {"contract_start", "planned_completion",
                                 "actual_completion"};
    for (int i = 0; i < 3; ++i) {
      auto d = ReadDay(f, day_fields[i]);
      if (auto* r = std::get_if<Reject>(&d)) return *r;
      days[i] = std::get<std::optional<std::string>>(d);
    }
    const auto& [start, planned, actual] = days;
    // The table's rules, told per record rather than failing the load.
    if (start && planned && *planned < *start) {
      return Reject{"planned_completion", "before contract_start"};
    }
    if (start && actual && *actual < *start) {
      return Reject{"actual_completion", "before contract_start"};
    }
    if (!start && !MayLackContract(st)) {
      return Reject{
          "contract_start",
          absl::StrCat("missing: a project ", st, " has a contract start day")};
    }
    if (Finished(st) != actual.has_value()) {
      return Reject{"actual_completion",
                    Finished(st) ? absl::StrCat("missing: a project ", st,
                                                " has its completion day")
                                 : absl::StrCat("given, but the project is ",
                                                st, ", not finished")};
    }
    *values = {project_no,
               name_zh,
               ValidUtf8(f.Get("name_en")),
               unit->second,
               std::get<std::string>(category),
               st,
               ValidUtf8(f.Get("location")),
               ArrayLiteral(SplitNames(f.Half("road_names"))),
               numbers[0],
               numbers[1],
               ValidUtf8(f.Get("contractor")),
               ValidUtf8(f.Get("supervisor")),
               ValidUtf8(f.Get("designer")),
               start,
               planned,
               numbers[2],
               actual};
    return std::nullopt;
  }

 private:
  // Codes in any case; names with 臺/台, widths and spaces alike.
  static std::string UnitKey(const std::string& s) {
    return AgencyMatchForm(s);
  }

  std::map<std::string, std::string> units_;
  std::vector<std::string> codes_;
};

}  // namespace

std::unique_ptr<LoadTarget> MakeProjectsTarget() {
  return std::make_unique<ProjectsTarget>();
}

}  // namespace pwis::importers
