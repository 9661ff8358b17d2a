#include "importers/progress_target.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "importers/dates.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

// pwis_project_key (0006_excavation_permits) in C++, character for
// character: full-width digits, Latin letters and '－' made ASCII; ASCII
// white space, U+3000 and '-' dropped; ASCII letters upper-cased. (Where
// the database's locale counts more characters as space, a number holding
// one fails to match: a reject, never another project's report.)
std::string ProjectKey(const std::string& raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == 0xEF && i + 2 < raw.size()) {
      // U+FF00..U+FF5F: EF BC 80..BF, EF BD 80..9F.
      const unsigned char b1 = static_cast<unsigned char>(raw[i + 1]);
      const unsigned char b2 = static_cast<unsigned char>(raw[i + 2]);
      const int cp = b1 == 0xBC   ? 0xFF00 + (b2 - 0x80)
                     : b1 == 0xBD ? 0xFF40 + (b2 - 0x80)
                                  : -1;
      const bool digit = cp >= 0xFF10 && cp <= 0xFF19;
      const bool upper = cp >= 0xFF21 && cp <= 0xFF3A;
      const bool lower = cp >= 0xFF41 && cp <= 0xFF5A;
      if (cp == 0xFF0D) {  // '－', dropped as '-' is
        i += 2;
        continue;
      }
      if (digit || upper || lower) {
        const char ascii = static_cast<char>(cp - 0xFEE0);
        out += absl::ascii_toupper(static_cast<unsigned char>(ascii));
        i += 2;
        continue;
      }
    }
    if (raw.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000
      i += 2;
      continue;
    }
    if (c == '-' || (c < 0x80 && absl::ascii_isspace(c))) continue;
    out += c < 0x80 ? absl::ascii_toupper(c) : static_cast<char>(c);
  }
  return out;
}

// "45.2", "45.2%", "４５％": a cumulative percent, 0 to 100.
std::variant<std::optional<double>, std::string> Percent(const Fields& f,
                                                         const char* field) {
  std::string v = f.Half(field);
  absl::string_view t = TrimSpace(v);
  absl::ConsumeSuffix(&t, "%");
  return Decimal(std::string(TrimSpace(t)), 100);
}

class ProgressTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "project_progress_reports",
        {"project_id", "report_date", "ad_hoc", "planned_pct", "actual_pct",
         "paid_amount", "lag_reason", "correction", "outside_project_dates"},
        {{"ad_hoc", "s.ad_hoc::boolean"},
         {"planned_pct", "s.planned_pct::numeric(5, 2)"},
         {"actual_pct", "s.actual_pct::numeric(5, 2)"},
         {"paid_amount", "s.paid_amount::bigint"},
         {"lag_reason", "s.lag_reason"},
         {"correction", "s.correction::boolean"},
         {"outside_project_dates", "s.outside_project_dates::boolean"}},
        TargetShape{/*located=*/false,
                    /*soft_deleted=*/false,
                    {{"project_id", "s.project_id::bigint"},
                     {"report_date", "s.report_date::date"}}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return NoGeometry(); }

  // The live projects, by normalised number.
  absl::Status Prepare(pqxx::connection& conn) override {
    try {
      pqxx::read_transaction tx(conn);
      for (const auto& row : tx.exec("SELECT project_key, id FROM projects "
                                     "WHERE deleted_at IS NULL")) {
        const std::string key = row[0].c_str();
        const std::string id = row[1].c_str();
        projects_[key] = id;
        keys_[id] = key;
      }
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("reading projects: ", e.what()));
    }
    return absl::OkStatus();
  }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    const std::string number = f.Get("project_no");
    if (number.empty()) return Reject{"project_no", "missing"};
    const std::string key = ProjectKey(number);
    if (key.empty()) {
      return Reject{"project_no", "no letters or digits"};
    }
    auto project = projects_.find(key);
    if (project == projects_.end()) {
      return Reject{"project_no",
                    absl::StrCat("\"", ValidUtf8(number),
                                 "\": no such project (load the project "
                                 "list first)")};
    }

    // A monthly report stands at the month's last day; a report with its
    // own day is ad hoc unless that day ends a month.
    absl::CivilDay day;
    const std::string date_text = f.Get("report_date");
    const std::string month_text = f.Get("report_month");
    if (!date_text.empty()) {
      auto t = ParseFeedTime(date_text);
      if (!t.ok())
        return Reject{"report_date", std::string(t.status().message())};
      day = absl::CivilDay(t->local);
    } else if (!month_text.empty()) {
      auto m = ParseFeedMonth(month_text);
      if (!m.ok()) {
        return Reject{"report_month", std::string(m.status().message())};
      }
      day = absl::CivilDay(*m + 1) - 1;
    } else {
      return Reject{"report_month", "missing (or give report_date)"};
    }
    const bool ad_hoc = absl::CivilMonth(day + 1) == absl::CivilMonth(day);

    std::optional<std::string> percents[2];
    const char* percent_fields[2] = {"planned_percent", "actual_percent"};
    for (int i = 0; i < 2; ++i) {
      auto p = Percent(f, percent_fields[i]);
      if (auto* why = std::get_if<std::string>(&p)) {
        return Reject{percent_fields[i],
                      absl::StrCat(*why, " (a percent from 0 to 100)")};
      }
      percents[i] = NumberText(std::get<std::optional<double>>(p), false);
      if (!percents[i]) return Reject{percent_fields[i], "missing"};
    }
    auto paid = Decimal(f.Get("paid_amount"), 1e14);
    if (auto* why = std::get_if<std::string>(&paid)) {
      return Reject{"paid_amount", *why};
    }
    auto paid_text = NumberText(std::get<std::optional<double>>(paid), true);

    std::string flags[2];
    const char* flag_fields[2] = {"correction", "outside_project_dates"};
    for (int i = 0; i < 2; ++i) {
      const std::string v = f.Get(flag_fields[i]);
      auto b = Flag(v);
      if (!b.has_value()) {
        return Reject{flag_fields[i], absl::StrCat("\"", ValidUtf8(v),
                                                   "\": not true or false")};
      }
      flags[i] = Bool(*b);
    }
    const std::string reason = ValidUtf8(f.Get("lag_reason"));
    if (reason.size() > 2000) {
      return Reject{"lag_reason", "longer than 2000 bytes"};
    }
    *values = {project->second, absl::FormatCivilTime(day),
               Bool(ad_hoc),    percents[0],
               percents[1],     paid_text ? *paid_text : "0",
               reason,          flags[0],
               flags[1]};
    return std::nullopt;
  }

  // The project's number as stored (normalised) and the day.
  std::string KeyFor(
      const std::vector<std::optional<std::string>>& values) const override {
    auto key = keys_.find(values[0].value_or(""));
    return absl::StrCat(key == keys_.end() ? "" : key->second, "|",
                        values[1].value_or(""));
  }

 private:
  std::map<std::string, std::string> projects_;  // key → id
  std::map<std::string, std::string> keys_;      // id → key
};

}  // namespace

std::unique_ptr<LoadTarget> MakeProgressTarget() {
  return std::make_unique<ProgressTarget>();
}

}  // namespace pwis::importers
