#include "gis/store/projects_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gis/geo/json_message.h"
#include "gis/store/feature_collection.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::Project;

// Today in Asia/Taipei, as a sub-select: evaluated once per statement
// rather than once per row (a third of the whole city's statistics).
constexpr char kToday[] = "(SELECT (now() AT TIME ZONE 'Asia/Taipei')::date)";

constexpr char kFrom[] =
    " FROM projects p JOIN project_units u ON u.code = p.unit_code"
    " LEFT JOIN districts d ON d.code = p.district_code";
// The same rows (unit_code is a NOT NULL foreign key), but the planner
// drops a LEFT JOIN whose table the query does not read: statistics
// without a unit filter never touch project_units.
constexpr char kStatsFrom[] =
    " FROM projects p LEFT JOIN project_units u ON u.code = p.unit_code"
    " LEFT JOIN districts d ON d.code = p.district_code";

// "YYYY-MM-DD" of a date column, "" for NULL.
std::string Day(absl::string_view column) {
  return absl::StrCat("coalesce(to_char(", column, ", 'YYYY-MM-DD'), '')");
}

// A proto enum value's name from a stored name: PREFIX_UPPER.
std::string EnumName(const char* prefix, absl::string_view column) {
  return absl::StrCat("'", prefix, "' || upper(", column, "::text)");
}

// Paid as a percent of the current contract amount (0 without one).
std::string FinancialPercent(absl::string_view paid, absl::string_view amount) {
  return absl::StrCat("CASE WHEN ", amount, " > 0 THEN round(", paid,
                      " * 100.0 / ", amount, ", 2) ELSE 0 END");
}

const char* const kWorking = "('under_construction', 'suspended')";

// The project's level (see the header). The thresholds are the server's
// configuration, not request values: formatted into the text, which stays
// the same for the process's life.
std::string BehindSql(const BehindThresholds& t) {
  return absl::StrFormat(
      "(CASE WHEN p.status NOT IN %s THEN 'not_applicable' "
      "WHEN p.revised_completion < %s OR p.variance <= -%.2f THEN 'severe' "
      "WHEN p.variance <= -%.2f THEN 'warning' "
      "WHEN p.variance IS NULL THEN 'not_applicable' "
      "ELSE 'on_schedule' END)",
      kWorking, kToday, t.severe_points, t.warning_points);
}

// A report's level by its variance alone.
std::string ReportBehindSql(const BehindThresholds& t,
                            absl::string_view variance) {
  return absl::StrFormat(
      "(CASE WHEN %s <= -%.2f THEN 'severe' WHEN %s <= -%.2f THEN 'warning' "
      "ELSE 'on_schedule' END)",
      variance, t.severe_points, variance, t.warning_points);
}

// Days past the revised completion (see Project.delay_days).
std::string DelaySql() {
  return absl::StrCat(
      "(CASE WHEN p.revised_completion IS NULL THEN 0 "
      "WHEN p.actual_completion IS NOT NULL THEN "
      "greatest(0, p.actual_completion - p.revised_completion) "
      "WHEN p.status IN ",
      kWorking, " THEN greatest(0, ", kToday,
      " - p.revised_completion) ELSE 0 END)");
}

std::string NameJson(absl::string_view alias) {
  return absl::StrCat("json_build_object('zh_tw', ", alias, ".name_zh, 'en', ",
                      alias, ".name_en)");
}

// Everything of a Project but its CommonColumns and labels, as JSON with
// the proto's field names (see geo::JsonToMessage).
std::string ProjectJson(const BehindThresholds& t, bool history) {
  std::string json = absl::StrCat(
      "json_build_object('id', p.id, 'project_no', p.project_no, "
      "'project_key', p.project_key, 'name', ",
      NameJson("p"), ", 'unit', json_build_object('code', u.code, 'name', ",
      NameJson("u"), ", 'public_phone', u.public_phone), 'category', ",
      EnumName("PROJECT_CATEGORY_", "p.category"), ", 'status', ",
      EnumName("PROJECT_STATUS_", "p.status"),
      ", 'location', p.location, 'districts', (SELECT "
      "coalesce(json_agg(json_build_object('code', x.code, 'name', ",
      NameJson("x"),
      ") ORDER BY x.code), '[]') FROM districts x WHERE x.code = "
      "ANY (p.district_codes)), 'budget', p.budget, 'contract_amount', "
      "p.contract_amount, 'change_orders', p.change_orders, "
      "'current_contract_amount', p.current_contract_amount, 'contractor', "
      "p.contractor, 'supervisor', p.supervisor, 'designer', p.designer, "
      "'contract_start_date', ",
      Day("p.contract_start"), ", 'planned_completion_date', ",
      Day("p.planned_completion"),
      ", 'extension_days', p.extension_days, 'revised_completion_date', ",
      Day("p.revised_completion"), ", 'actual_completion_date', ",
      Day("p.actual_completion"),
      ", 'latest', CASE WHEN p.report_date IS NOT NULL THEN "
      "json_build_object('report_date', ",
      Day("p.report_date"),
      ", 'planned_percent', p.planned_pct, 'actual_percent', p.actual_pct, "
      "'variance_points', p.variance, 'paid_amount', p.paid_amount, "
      "'financial_percent', ",
      FinancialPercent("p.paid_amount", "p.current_contract_amount"),
      ", 'lag_reason', p.lag_reason) END, 'behind_level', ",
      EnumName("BEHIND_LEVEL_", BehindSql(t)), ", 'delay_days', ", DelaySql());
  if (history) {
    absl::StrAppend(
        &json,
        ", 'status_history', (SELECT json_agg(json_build_object('status', ",
        EnumName("PROJECT_STATUS_", "h.status"),
        ", 'change_time', json_build_object('seconds', "
        "floor(extract(epoch FROM h.changed_at)), 'nanos', "
        "(extract(microseconds FROM h.changed_at)::int8 % 1000000) * 1000)) "
        "ORDER BY h.changed_at, h.status) FROM project_status_history h "
        "WHERE h.project_id = p.id)");
  }
  return absl::StrCat(json, ")::text");
}

struct OrderKey {
  const char* expr;
  bool integer;  // An int8 key, else a timestamptz.
};

OrderKey KeyOf(ProjectFilter::Order order) {
  switch (order) {
    case ProjectFilter::Order::kVariance:
      return {"p.variance_key", true};
    case ProjectFilter::Order::kAmount:
      return {"p.amount_key", true};
    case ProjectFilter::Order::kContractStart:
      break;
  }
  return {"p.start_key", false};
}

struct Columns : CommonColumnIndex {
  explicit Columns(const pqxx::result& r)
      : CommonColumnIndex(r),
        doc(r.column_number("doc")),
        page_key(r.column_number("page_key")) {}
  pqxx::row::size_type doc, page_key;
};

// Sets the labels of the enum values JsonToMessage set.
void SetProjectLabels(Project* m) {
  SetLabel(ByValue(ProjectCategories(), m->category()),
           m->mutable_category_label());
  SetLabel(ByValue(ProjectStatuses(), m->status()), m->mutable_status_label());
  SetLabel(ByValue(BehindLevels(), m->behind_level()),
           m->mutable_behind_level_label());
  for (auto& h : *m->mutable_status_history()) {
    SetLabel(ByValue(ProjectStatuses(), h.status()), h.mutable_status_label());
  }
}

// `out` from JSON text built in SQL.
absl::Status FromJson(const pqxx::field& f, google::protobuf::Message* out) {
  absl::Status status =
      geo::JsonToMessage(std::string_view(f.c_str(), f.size()), out);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("stored project unreadable: ", status.ToString()));
  }
  return absl::OkStatus();
}

absl::StatusOr<Project> ProjectFromRow(const pqxx::row& row, const Columns& c,
                                       GeometryFormat format) {
  Project m;
  if (absl::Status s = FromJson(row[c.doc], &m); !s.ok()) return s;
  SetCommonFields(row, c, format, &m);
  SetProjectLabels(&m);
  return m;
}

std::string DayBound(SqlBuilder& q, absl::string_view column, const char* op,
                     const std::string& day) {
  if (day.empty()) return "";
  return absl::StrCat(column, " ", op, " ", q.Param(day, "date"));
}

void AddFilter(const ProjectFilter& f, const std::string& behind_sql,
               SqlBuilder& q) {
  CommonFilter common = f.common;
  common.district_code.clear();  // Any district crossed, below.
  AddCommonConditions(q, "p", common);
  if (!f.common.district_code.empty()) {
    q.Where(absl::StrCat("p.district_codes @> ARRAY[",
                         q.Param(f.common.district_code, "text"), "]"));
  }
  if (!f.unit.empty()) q.Where(CodeOrNameCondition(q, "u", f.unit));
  if (!f.categories.empty()) {
    q.Where(AnyOf(q, "p.category", f.categories, "project_category[]"));
  }
  if (!f.statuses.empty()) {
    q.Where(AnyOf(q, "p.status", f.statuses, "project_status[]"));
  }
  if (!f.behind_levels.empty()) {
    q.Where(AnyOf(q, behind_sql, f.behind_levels, "text[]"));
  }
  if (!f.q.empty()) {
    q.Where(absl::StrCat("p.search_text LIKE ",
                         FoldedPattern(q, "pwis_text_fold", f.q)));
  }
  q.Where(DayBound(q, "p.contract_start", ">=", f.start_from));
  q.Where(DayBound(q, "p.contract_start", "<=", f.start_to));
  q.Where(DayBound(q, "p.revised_completion", ">=", f.completion_from));
  q.Where(DayBound(q, "p.revised_completion", "<=", f.completion_to));
}

// The live project of `project_no` (alias p).
std::string ByNumber(SqlBuilder& q, const std::string& project_no) {
  return absl::StrCat("p.project_key = pwis_project_key(",
                      q.Param(project_no, "text"),
                      ") AND p.project_key <> '' AND ", NotDeleted("p"));
}

absl::Status NotFound(const std::string& project_no) {
  return absl::NotFoundError(
      absl::StrCat("project ", project_no, " not found"));
}

// An OC4IDS date-time: the start of a Taipei day, NULL for NULL.
std::string Oc4idsDate(absl::string_view column) {
  return absl::StrCat("pwis_local_iso(pwis_taipei_day_start(", column, "))");
}

// A value in New Taiwan dollars (OC4IDS Value).
std::string Twd(absl::string_view amount) {
  return absl::StrCat("jsonb_build_object('amount', ", amount,
                      ", 'currency', 'TWD')");
}

// The OC4IDS 0.9 project package of project p (see
// gis/store/projects_oc4ids.md). NULLs are stripped, and empty text and
// lists are made NULL first, since the standard asks to omit empty values.
std::string Oc4idsSql() {
  const std::string percent =
      "'unit', jsonb_build_object('name', 'percent', 'scheme', 'UNCEFACT', "
      "'id', 'P1')";
  // One OC4IDS metric over the project's reports r: an observation per
  // report, dated its day, with `value` (its measure or value fields).
  auto metric = [](const char* id, const char* title,
                   const std::string& value) {
    return absl::StrCat("jsonb_build_object('id', '", id, "', 'title', '",
                        title,
                        "', 'observations', jsonb_agg(jsonb_build_object('id', "
                        "to_char(r.report_date, 'YYYY-MM-DD'), 'period', "
                        "jsonb_build_object('startDate', ",
                        Oc4idsDate("r.report_date"), ", 'endDate', ",
                        Oc4idsDate("r.report_date"), "), ", value,
                        ") ORDER BY r.report_date))");
  };
  const std::string reports =
      " END FROM project_progress_reports r WHERE r.project_id = p.id)";
  return absl::StrCat(
      "jsonb_strip_nulls(jsonb_build_object("
      "'uri', 'urn:pwis:kaohsiung:projects:' || p.project_key, "
      "'version', '0.9', 'publishedDate', pwis_local_iso(now()), "
      "'publisher', jsonb_build_object('name', '高雄市政府工務局'), "
      "'license', 'https://data.gov.tw/license', "
      "'projects', jsonb_build_array(jsonb_build_object("
      "'id', 'pwis-kaohsiung-' || p.project_no, "
      "'identifiers', jsonb_build_array(jsonb_build_object('id', "
      "p.project_no, 'scheme', 'KH-PWB')), "
      "'updated', pwis_local_iso(p.updated_at), "
      "'title', p.name_zh, 'description', NULLIF(p.name_en, ''), "
      "'status', CASE p.status WHEN 'planning' THEN 'identification' "
      "WHEN 'design' THEN 'preparation' WHEN 'tendering' THEN 'preparation' "
      "WHEN 'under_construction' THEN 'implementation' "
      "WHEN 'suspended' THEN 'implementation' "
      "WHEN 'completed' THEN 'completion' WHEN 'accepted' THEN 'completion' "
      "ELSE 'cancelled' END, "
      "'type', CASE p.category WHEN 'pavement' THEN 'rehabilitation' "
      "WHEN 'street_light' THEN 'replacement' ELSE 'construction' END, "
      "'sector', CASE WHEN p.category IN ('road', 'bridge', 'bike_path', "
      "'pavement', 'street_light') THEN jsonb_build_array('transport', "
      "'transport.road') WHEN p.category IN ('drainage', 'sewer') THEN "
      "jsonb_build_array('waterAndWaste') WHEN p.category = 'park' THEN "
      "jsonb_build_array('cultureSportsAndRecreation') END, "
      "'publicAuthority', jsonb_build_object('id', 'KH-PWB-' || u.code, "
      "'name', u.name_zh), "
      "'parties', jsonb_build_array(jsonb_build_object('id', 'KH-PWB-' || "
      "u.code, 'name', u.name_zh, 'roles', jsonb_build_array("
      "'publicAuthority', 'procuringEntity'))) || CASE WHEN p.contractor <> "
      "'' THEN jsonb_build_array(jsonb_build_object('id', 'contractor', "
      "'name', p.contractor, 'roles', jsonb_build_array('supplier'))) ELSE "
      "'[]' END, "
      "'period', CASE WHEN p.contract_start IS NOT NULL THEN "
      "jsonb_build_object('startDate', ",
      Oc4idsDate("p.contract_start"), ", 'endDate', ",
      Oc4idsDate("p.revised_completion"),
      ") END, "
      "'budget', CASE WHEN p.budget > 0 THEN jsonb_build_object('amount', ",
      Twd("p.budget"),
      ") END, "
      "'locations', CASE WHEN p.geom IS NOT NULL THEN jsonb_build_array("
      "jsonb_build_object('id', '1', 'description', NULLIF(p.location, ''), "
      "'geometry', ST_AsGeoJSON(p.geom, 7)::jsonb)) END, "
      "'contractingProcesses', CASE WHEN p.contract_amount > 0 OR "
      "p.contractor <> '' THEN jsonb_build_array(jsonb_build_object('id', "
      "p.project_no || '-1', 'summary', jsonb_build_object('title', "
      "p.name_zh, 'status', CASE WHEN p.status IN ('planning', 'design', "
      "'tendering') THEN 'pre-award' WHEN p.status = 'cancelled' THEN "
      "'closed' WHEN p.status IN ('completed', 'accepted') THEN 'closed' "
      "ELSE 'active' END, 'contractValue', CASE WHEN p.contract_amount > 0 "
      "THEN ",
      Twd("p.contract_amount"),
      " END, 'contractPeriod', CASE WHEN p.contract_start IS NOT NULL THEN "
      "jsonb_build_object('startDate', ",
      Oc4idsDate("p.contract_start"), ", 'endDate', ",
      Oc4idsDate("p.planned_completion"),
      ") END, 'modifications', (SELECT CASE WHEN count(*) > 0 THEN "
      "jsonb_agg(jsonb_build_object('id', o ->> 'seq', 'date', ",
      Oc4idsDate("(o ->> 'approved_date')::date"),
      ", 'description', NULLIF(o ->> 'reason', ''), 'type', 'value', "
      "'oldContractValue', ",
      Twd("p.contract_amount + coalesce((SELECT sum(round((e ->> "
          "'amount_delta')::numeric)) FROM jsonb_array_elements("
          "p.change_orders) e WHERE (e ->> 'seq')::numeric < (o ->> "
          "'seq')::numeric), 0)"),
      ", 'newContractValue', ",
      Twd("p.contract_amount + (SELECT sum(round((e ->> "
          "'amount_delta')::numeric)) FROM jsonb_array_elements("
          "p.change_orders) e WHERE (e ->> 'seq')::numeric <= (o ->> "
          "'seq')::numeric)"),
      ") ORDER BY (o ->> 'seq')::numeric) END FROM jsonb_array_elements("
      "p.change_orders) o)))) END, "
      "'forecasts', (SELECT CASE WHEN count(*) > 0 THEN jsonb_build_array(",
      metric("physicalProgress", "預定進度",
             absl::StrCat("'measure', r.planned_pct, ", percent)),
      ")", reports,
      ", 'metrics', (SELECT CASE WHEN count(*) > 0 THEN jsonb_build_array(",
      metric("physicalProgress", "實際進度",
             absl::StrCat("'measure', r.actual_pct, ", percent,
                          ", 'notes', NULLIF(r.lag_reason, '')")),
      ", ",
      metric("financialProgress", "已付金額",
             absl::StrCat("'value', ", Twd("r.paid_amount"))),
      ")", reports,
      ", "
      "'milestones', (SELECT CASE WHEN count(*) > 0 THEN jsonb_agg("
      "jsonb_build_object('id', m.seq::text, 'title', m.name_zh, "
      "'description', NULLIF(m.name_en, ''), 'dueDate', ",
      Oc4idsDate("m.planned_date"), ", 'dateMet', ",
      Oc4idsDate("m.actual_date"),
      ", 'status', CASE WHEN m.actual_date IS NOT NULL THEN 'met' WHEN "
      "m.planned_date < ",
      kToday,
      " THEN 'notMet' ELSE 'scheduled' END) ORDER BY m.seq) END FROM "
      "project_milestones m WHERE m.project_id = p.id), "
      "'completion', CASE WHEN p.actual_completion IS NOT NULL THEN "
      "jsonb_build_object('endDate', ",
      Oc4idsDate("p.actual_completion"), ", 'finalValue', ",
      Twd("p.current_contract_amount"), ") END))))::text");
}

std::vector<FeatureProperty> GeoJsonProperties() {
  return {
      {"id", "p.id"},
      {"project_no", "p.project_no"},
      {"name_zh", "p.name_zh"},
      {"name_en", "p.name_en"},
      {"unit_code", "p.unit_code"},
      {"unit_name_zh", "p.unit_zh"},
      {"unit_name_en", "p.unit_en"},
      {"category", "p.category"},
      {"category_label", LabelJson(ProjectCategories(), "p.category")},
      {"status", "p.status"},
      {"status_label", LabelJson(ProjectStatuses(), "p.status")},
      {"location", "p.location"},
      {"district_code", "p.district_code"},
      {"district_name_zh", "p.district_zh"},
      {"district_name_en", "p.district_en"},
      {"district_codes", "to_json(p.district_codes)"},
      {"budget", "p.budget"},
      {"current_contract_amount", "p.current_contract_amount"},
      {"contractor", "p.contractor"},
      {"contract_start_date", "p.contract_start"},
      {"revised_completion_date", "p.revised_completion"},
      {"actual_completion_date", "p.actual_completion"},
      {"report_date", "p.report_date"},
      {"planned_percent", "p.planned_pct"},
      {"actual_percent", "p.actual_pct"},
      {"variance_points", "p.variance"},
      {"behind_level", "p.behind_level"},
      {"behind_level_label", LabelJson(BehindLevels(), "p.behind_level")},
      {"delay_days", "p.delay_days"},
      {"update_time", "pwis_local_iso(p.updated_at)"},
      {"delete_time", "pwis_local_iso(p.deleted_at)"},
  };
}

}  // namespace

struct ProjectsStore::Sql {
  explicit Sql(const BehindThresholds& t)
      : behind(BehindSql(t)),
        doc(ProjectJson(t, false)),
        doc_with_history(ProjectJson(t, true)),
        oc4ids(Oc4idsSql()),
        report_behind(ReportBehindSql(t, "(r.actual_pct - r.planned_pct)")),
        feature_columns(absl::StrCat(
            "u.name_zh AS unit_zh, u.name_en AS unit_en, d.name_zh AS "
            "district_zh, d.name_en AS district_en, ",
            behind, " AS behind_level, ", DelaySql(), " AS delay_days")) {
    for (auto order :
         {ProjectFilter::Order::kContractStart, ProjectFilter::Order::kVariance,
          ProjectFilter::Order::kAmount}) {
      OrderKey key = KeyOf(order);
      features.push_back(FeatureSource{kFrom, "p", feature_columns.c_str(),
                                       key.expr, GeoJsonProperties(),
                                       key.integer});
    }
  }
  std::string behind, doc, doc_with_history, oc4ids, report_behind,
      feature_columns;
  std::vector<FeatureSource> features;  // By ProjectFilter::Order.
};

ProjectsStore::ProjectsStore(ConnectionPool* pool, BehindThresholds thresholds)
    : StoreBase(pool), sql_(std::make_unique<Sql>(thresholds)) {}

ProjectsStore::~ProjectsStore() = default;

absl::StatusOr<Project> ProjectsStore::Get(const std::string& project_no,
                                           GeometryFormat format,
                                           const CallLimit& limit) {
  SqlBuilder q;
  q.Where(ByNumber(q, project_no));
  std::string sql = absl::StrCat(
      "SELECT ", sql_->doc_with_history, " AS doc, 0 AS page_key, ",
      CommonColumns("p", format), kFrom, q.WhereClause());
  return Query<Project>(limit, "project_get", {sql, q.params()},
                        [&](const pqxx::result& r) -> absl::StatusOr<Project> {
                          if (r.empty()) return NotFound(project_no);
                          return ProjectFromRow(r[0], Columns(r), format);
                        });
}

Statement ProjectsStore::ListStatement(const ProjectFilter& filter,
                                       const ListOptions& options) const {
  SqlBuilder q;
  AddFilter(filter, sql_->behind, q);
  OrderKey key = KeyOf(filter.order);
  if (options.after) {
    q.Where(key.integer ? IntKeysetAfter(q, "p", key.expr, *options.after)
                        : KeysetAfter(q, "p", key.expr, *options.after));
  }
  std::string page_key =
      key.integer ? std::string(key.expr) : MicrosColumn(key.expr);
  std::string sql = absl::StrCat(
      "SELECT ", sql_->doc, " AS doc, ", page_key, " AS page_key, ",
      CommonColumns("p", options.geometry_format), kFrom, q.WhereClause(),
      PageOrder(q, "p", key.expr, options.limit));
  return {std::move(sql), q.params()};
}

absl::StatusOr<ProjectPage> ProjectsStore::List(const ProjectFilter& filter,
                                                const ListOptions& options,
                                                const CallLimit& limit) {
  return Query<ProjectPage>(
      limit, "project_list", ListStatement(filter, options),
      [&](const pqxx::result& r) -> absl::StatusOr<ProjectPage> {
        Columns c(r);
        ProjectPage page;
        for (const auto& row : r) {
          if (static_cast<int>(page.items.size()) == options.limit) {
            // The key of the page's last row, where the next starts.
            page.next =
                ListPosition{r[options.limit - 1][c.page_key].as<int64_t>(),
                             page.items.back().id()};
            break;
          }
          absl::StatusOr<Project> p =
              ProjectFromRow(row, c, options.geometry_format);
          if (!p.ok()) return p.status();
          page.items.push_back(std::move(*p));
        }
        return page;
      });
}

absl::StatusOr<GeoJsonPage> ProjectsStore::ListGeoJson(
    const ProjectFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, sql_->behind, q);
  return GeoJsonPageQuery(limit, "project_geojson",
                          sql_->features[static_cast<int>(filter.order)], q,
                          options);
}

Statement ProjectsStore::ProgressStatement(
    const std::string& project_no) const {
  SqlBuilder q;
  q.Where(ByNumber(q, project_no));
  std::string sql = absl::StrCat(
      "SELECT json_build_object('project_no', p.project_no, 'name', ",
      NameJson("p"), ", 'status', ", EnumName("PROJECT_STATUS_", "p.status"),
      ", 'contract_start_date', ", Day("p.contract_start"),
      ", 'revised_completion_date', ", Day("p.revised_completion"),
      ", 'actual_completion_date', ", Day("p.actual_completion"),
      ", 'current_contract_amount', p.current_contract_amount, 'reports', "
      "(SELECT coalesce(json_agg(json_build_object('report_date', ",
      Day("r.report_date"),
      ", 'ad_hoc', r.ad_hoc, 'planned_percent', r.planned_pct, "
      "'actual_percent', r.actual_pct, 'variance_points', "
      "r.actual_pct - r.planned_pct, 'paid_amount', r.paid_amount, "
      "'financial_percent', ",
      FinancialPercent("r.paid_amount", "p.current_contract_amount"),
      ", 'lag_reason', r.lag_reason, 'correction', r.correction, "
      "'outside_project_dates', r.outside_project_dates, 'photos', r.photos, "
      "'behind_level', ",
      EnumName("BEHIND_LEVEL_", sql_->report_behind),
      ") ORDER BY r.report_date), '[]') FROM project_progress_reports r "
      "WHERE r.project_id = p.id), 'milestones', (SELECT "
      "coalesce(json_agg(json_build_object('seq', m.seq, 'name', ",
      NameJson("m"), ", 'planned_date', ", Day("m.planned_date"),
      ", 'actual_date', ", Day("m.actual_date"),
      ", 'delay_days', greatest(0, coalesce(m.actual_date, ", kToday,
      ") - m.planned_date)) ORDER BY m.seq), '[]') FROM project_milestones m "
      "WHERE m.project_id = p.id), 'behind_level', ",
      EnumName("BEHIND_LEVEL_", sql_->behind), ", 'delay_days', ", DelaySql(),
      ")::text FROM projects p", q.WhereClause());
  return {std::move(sql), q.params()};
}

absl::StatusOr<pwis::v1::ProjectProgress> ProjectsStore::Progress(
    const std::string& project_no, const CallLimit& limit) {
  return Query<pwis::v1::ProjectProgress>(
      limit, "project_progress", ProgressStatement(project_no),
      [&](const pqxx::result& r) -> absl::StatusOr<pwis::v1::ProjectProgress> {
        if (r.empty()) return NotFound(project_no);
        pwis::v1::ProjectProgress m;
        if (absl::Status s = FromJson(r[0][0], &m); !s.ok()) return s;
        SetLabel(ByValue(ProjectStatuses(), m.status()),
                 m.mutable_status_label());
        SetLabel(ByValue(BehindLevels(), m.behind_level()),
                 m.mutable_behind_level_label());
        for (auto& report : *m.mutable_reports()) {
          SetLabel(ByValue(BehindLevels(), report.behind_level()),
                   report.mutable_behind_level_label());
        }
        return m;
      });
}

Statement ProjectsStore::StatsStatement(const ProjectFilter& filter) const {
  SqlBuilder q;
  AddFilter(filter, sql_->behind, q);
  // One pass over the projects into (district, unit, status, level)
  // groups, a few hundred at most; the grouping sets then add those up.
  // Aggregating the projects three times over, once per grouping set,
  // with every FILTER evaluated per project, cost the whole city 3x as
  // much (bench/projects).
  std::string status_counts;
  for (const EnumEntry& e : ProjectStatuses()) {
    absl::StrAppend(&status_counts,
                    ", coalesce(sum(s.n) FILTER (WHERE s.status = '", e.name,
                    "'), 0)::int8");
  }
  const std::string working =
      absl::StrCat("p.status IN ", kWorking, " AND p.variance IS NOT NULL");
  std::string sql = absl::StrCat(
      "WITH s AS (SELECT p.district_code, p.unit_code, p.status, ",
      sql_->behind,
      " AS behind, count(*) AS n, sum(p.budget) AS budget, "
      "sum(p.current_contract_amount) AS amount, sum(p.variance) FILTER "
      "(WHERE ",
      working, ") AS variance_sum, count(*) FILTER (WHERE ", working,
      ") AS reported", kStatsFrom, q.WhereClause(),
      " GROUP BY 1, 2, 3, 4)\nSELECT grouping(s.district_code) = 0 AS "
      "by_district, grouping(s.unit_code) = 0 AS by_unit, "
      "coalesce(s.district_code, s.unit_code, '') AS code, "
      "coalesce((SELECT name_zh FROM districts WHERE code = s.district_code), "
      "(SELECT name_zh FROM project_units WHERE code = s.unit_code), '') AS "
      "name_zh, "
      "coalesce((SELECT name_en FROM districts WHERE code = s.district_code), "
      "(SELECT name_en FROM project_units WHERE code = s.unit_code), '') AS "
      "name_en, coalesce(sum(s.n), 0)::int8, "
      "coalesce(sum(s.budget), 0)::int8, coalesce(sum(s.amount), 0)::int8, "
      "coalesce(sum(s.n) FILTER (WHERE s.behind IN ('warning', 'severe')), "
      "0)::int8, coalesce(sum(s.n) FILTER (WHERE s.behind = 'severe'), "
      "0)::int8, coalesce(round(sum(s.variance_sum) / nullif(sum(s.reported), "
      "0), 2), 0)::float8, coalesce(sum(s.reported), 0)::int8",
      status_counts,
      " FROM s GROUP BY GROUPING SETS ((), (s.district_code), (s.unit_code)) "
      "ORDER BY 1, 2, s.district_code NULLS LAST, s.unit_code");
  return {std::move(sql), q.params()};
}

absl::StatusOr<pwis::v1::ProjectStats> ProjectsStore::Stats(
    const ProjectFilter& filter, const CallLimit& limit) {
  return Query<pwis::v1::ProjectStats>(
      limit, "project_stats", StatsStatement(filter),
      [&](const pqxx::result& r) -> absl::StatusOr<pwis::v1::ProjectStats> {
        pwis::v1::ProjectStats stats;
        for (const auto& row : r) {
          const bool by_district = row[0].as<bool>();
          const bool by_unit = row[1].as<bool>();
          pwis::v1::ProjectStatsGroup* g =
              by_district
                  ? stats.add_districts()
                  : (by_unit ? stats.add_units() : stats.mutable_total());
          if (by_district || by_unit) {
            g->set_code(row[2].c_str());
            g->mutable_name()->set_zh_tw(row[3].c_str());
            g->mutable_name()->set_en(row[4].c_str());
          }
          g->set_project_count(row[5].as<int>());
          g->set_total_budget(row[6].as<int64_t>());
          g->set_total_contract_amount(row[7].as<int64_t>());
          g->set_behind_count(row[8].as<int>());
          g->set_severe_count(row[9].as<int>());
          g->set_average_variance_points(row[10].as<double>());
          g->set_reported_count(row[11].as<int>());
          int column = 12;
          for (const EnumEntry& e : ProjectStatuses()) {
            int n = row[column++].as<int>();
            if (n == 0) continue;
            auto* sc = g->add_status_counts();
            sc->set_status(static_cast<pwis::v1::ProjectStatus>(e.value));
            SetLabel(&e, sc->mutable_status_label());
            sc->set_count(n);
          }
        }
        return stats;
      });
}

std::string ProjectsStore::DigRows(SqlBuilder& q, const ProjectFilter& filter,
                                   const DigSite& site, GeometryFormat format) {
  DigRow row = DigRowFor(q, "p", site, format);
  row.kind = "'project'";
  row.id = "p.id";
  row.reference = "p.project_no";
  row.title_zh = "p.name_zh";
  row.title_en = "p.name_en";
  row.status = "p.status::text";
  row.agency_code = "u.code";
  row.agency_zh = "u.name_zh";
  row.agency_en = "u.name_en";
  row.phone = "u.public_phone";
  // No behind-level filter here, so no level expression is needed.
  AddFilter(filter, "", q);
  return absl::StrCat(RenderDigRow(row), kFrom, q.TakeWhereClause());
}

absl::StatusOr<std::string> ProjectsStore::Oc4ids(const std::string& project_no,
                                                  const CallLimit& limit) {
  SqlBuilder q;
  q.Where(ByNumber(q, project_no));
  std::string sql =
      absl::StrCat("SELECT ", sql_->oc4ids, kFrom, q.WhereClause());
  return Query<std::string>(
      limit, "project_oc4ids", {sql, q.params()},
      [&](const pqxx::result& r) -> absl::StatusOr<std::string> {
        if (r.empty()) return NotFound(project_no);
        return std::string(r[0][0].c_str(), r[0][0].size());
      });
}

TileLayer ProjectsTileLayer(const BehindThresholds& t) {
  const std::string behind = BehindSql(t);
  TileLayer l;
  l.name = "projects";
  l.description =
      "Public works projects (工程資訊): status, behind-schedule level, "
      "progress";
  l.from = kFrom;
  l.alias = "p";
  l.id_sql = "p.id";
  l.attributes = {
      {"project_no", "p.project_no"},
      {"name_zh", "p.name_zh"},
      {"name_en", "p.name_en"},
      {"category", "p.category::text"},
      {"status", "p.status::text"},
      {"status_zh", LabelText(ProjectStatuses(), "p.status", false)},
      {"status_en", LabelText(ProjectStatuses(), "p.status", true)},
      {"behind_level", behind},
      {"behind_level_zh", LabelText(BehindLevels(), behind, false)},
      {"behind_level_en", LabelText(BehindLevels(), behind, true)},
      {"planned_percent", "p.planned_pct::float8"},
      {"actual_percent", "p.actual_pct::float8"},
      {"unit_code", "p.unit_code"},
  };
  l.minzoom = 8;
  l.timed = true;
  l.default_any_time = true;
  l.status_sql = "p.status";
  l.status_array_type = "project_status[]";
  l.statuses = ProjectStatuses();
  l.default_statuses = &DefaultProjectStatuses();
  l.status_enum_prefix = "PROJECT_STATUS_";
  return l;
}

}  // namespace pwis::store
