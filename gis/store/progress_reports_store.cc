#include "gis/store/progress_reports_store.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace pwis::store {
namespace {

// The table's CHECK constraints are named after the request field they
// guard (0016_projects).
constexpr const char* kCheckedFields[] = {"planned_percent", "actual_percent",
                                          "paid_amount", "photos"};
// The progress trigger's messages start with the field: "report_date: ...".
constexpr const char* kTriggerFields[] = {"report_date", "planned_percent",
                                          "actual_percent"};

// A check_violation → the request field and reason; nullopt when it is
// none of the table's rules.
std::optional<ReportWritten::Refusal> RefusalOf(const pqxx::sql_error& e) {
  const RuleMessage m = ParseRuleMessage(e.what());
  for (const char* field : kTriggerFields) {
    if (m.field == field) return ReportWritten::Refusal{m.field, m.text};
  }
  for (const char* field : kCheckedFields) {
    if (absl::StrContains(m.text,
                          absl::StrCat("check constraint \"", field, "\""))) {
      return ReportWritten::Refusal{
          field, std::string(field) == "photos"
                     ? "each photo needs an http(s) URL without spaces"
                     : "out of range"};
    }
  }
  return std::nullopt;
}

std::string PhotosJson(const ReportWrite& w) {
  pwis::v1::ProgressReport holder;
  for (const auto& p : w.photos) {
    auto* out = holder.add_photos();
    out->set_url(p.url());
    out->set_caption(p.caption());
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  // Serialising a message built here cannot fail.
  (void)google::protobuf::util::MessageToJsonString(holder, &json, options);
  return json;
}

}  // namespace

absl::StatusOr<ReportWritten> ProgressReportsStore::Put(
    const std::string& project_no, const ReportWrite& w,
    const CallLimit& limit) {
  SqlBuilder q;
  const std::string number = q.Param(project_no, "text");
  // Unit codes come from the key's scopes; quoted as array elements.
  std::string units = "true";
  if (!w.units.empty()) {
    std::string list = "{";
    for (const std::string& u : w.units) {
      absl::StrAppend(&list, list.size() > 1 ? "," : "", "\"",
                      absl::StrReplaceAll(u, {{"\\", "\\\\"}, {"\"", "\\\""}}),
                      "\"");
    }
    units =
        absl::StrCat("p.unit_code = ANY(", q.Param(list + "}", "text[]"), ")");
  }
  const std::string sql = absl::StrCat(
      "WITH p AS (SELECT p.id, p.unit_code FROM projects p WHERE "
      "p.project_key = "
      "pwis_project_key(",
      number, ") AND p.project_key <> '' AND ", NotDeleted("p"),
      "), w AS (SELECT p.id FROM p WHERE ", units,
      "), up AS (INSERT INTO project_progress_reports AS t (project_id, "
      "report_date, ad_hoc, planned_pct, actual_pct, paid_amount, lag_reason, "
      "correction, outside_project_dates, photos, source) SELECT p.id, ",
      q.Param(w.report_date, "date"), ", ",
      q.Param(w.ad_hoc ? "t" : "f", "bool"), ", ",
      q.Param(w.planned_percent, "numeric"), ", ",
      q.Param(w.actual_percent, "numeric"), ", ",
      q.Param(static_cast<long long>(w.paid_amount), "int8"), ", ",
      q.Param(w.lag_reason, "text"), ", ",
      q.Param(w.correction ? "t" : "f", "bool"), ", ",
      q.Param(w.outside_project_dates ? "t" : "f", "bool"), ", coalesce((",
      q.Param(PhotosJson(w), "jsonb"), ") -> 'photos', '[]'), ",
      q.Param(w.source, "text"),
      " FROM w AS p ON CONFLICT (project_id, report_date) DO UPDATE SET ad_hoc "
      "= "
      "EXCLUDED.ad_hoc, planned_pct = EXCLUDED.planned_pct, actual_pct = "
      "EXCLUDED.actual_pct, paid_amount = EXCLUDED.paid_amount, lag_reason = "
      "EXCLUDED.lag_reason, correction = EXCLUDED.correction, "
      "outside_project_dates = EXCLUDED.outside_project_dates, photos = "
      "EXCLUDED.photos, source = EXCLUDED.source, source_key = NULL, "
      "imported_at = NULL, import_file = NULL, import_record = NULL "
      "RETURNING (xmax = 0) AS inserted) "
      "SELECT (SELECT count(*) FROM p) AS found, (SELECT count(*) FROM w) "
      "AS allowed, (SELECT min(unit_code) FROM p) AS unit, (SELECT "
      "bool_or(inserted) FROM up) AS inserted");
  const Statement st{sql, q.params()};
  return pool()->Run<ReportWritten>(
      limit, [&](PooledConnection& c) -> absl::StatusOr<ReportWritten> {
        pqxx::result r;
        try {
          r = ExecPrepared(c, "progress_put", st);
        } catch (const pqxx::sql_error& e) {
          if (e.sqlstate() == "23514") {
            if (auto refusal = RefusalOf(e)) {
              return ReportWritten{false, std::move(refusal), ""};
            }
          }
          throw;  // the pool's (StatusFromDatabaseError)
        }
        if (r.empty() || r[0]["found"].as<int64_t>() == 0) {
          return absl::NotFoundError(
              absl::StrCat("project ", project_no, " not found"));
        }
        if (r[0]["allowed"].as<int64_t>() == 0) {
          return ReportWritten{false, std::nullopt, r[0]["unit"].c_str()};
        }
        return ReportWritten{r[0]["inserted"].as<bool>(), std::nullopt, ""};
      });
}

}  // namespace pwis::store
