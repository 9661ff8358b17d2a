#include "importers/profile.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "importers/crs.h"

#ifndef PWIS_PROFILE_DIR
#error "PWIS_PROFILE_DIR must name importers/profiles"
#endif

namespace pwis::importers {
namespace {

// Collects the parser's complaints with their line numbers.
class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (!text.empty()) text += "; ";
    absl::StrAppend(&text, "line ", line + 1, ":", column + 1, ": ", message);
  }
  std::string text;
};

absl::Status Bad(const std::string& path, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", why));
}

}  // namespace

namespace {

// Each target's fields, those it requires, and the pairs of which exactly
// one must be given (a period in one field, or its start).
struct TargetInfo {
  std::vector<std::string> fields;
  std::vector<std::string> required;
  std::vector<std::pair<std::string, std::string>> one_of;
};

const TargetInfo* InfoFor(Target target) {
  static const TargetInfo* road_works = new TargetInfo{{"source_key",
                                                        "permit_number",
                                                        "title",
                                                        "description",
                                                        "road_names",
                                                        "period",
                                                        "start",
                                                        "end",
                                                        "organiser",
                                                        "contractor",
                                                        "contact_phone",
                                                        "status",
                                                        "restricted_phone",
                                                        "work_start",
                                                        "work_end",
                                                        "lanes_closed",
                                                        "lanes_total",
                                                        "full_closure",
                                                        "sidewalk_affected",
                                                        "bike_lane_affected",
                                                        "parking_affected"},
                                                       {"source_key", "title"},
                                                       {{"period", "start"}}};
  static const TargetInfo* permits = new TargetInfo{
      {"source_key",      "permit_no",        "agency",
       "pipeline_type",   "category",         "purpose",
       "contractor",      "contractor_phone", "road_names",
       "location",        "district",         "approved_period",
       "approved_start",  "approved_end",     "extension_period",
       "extension_start", "extension_end",    "work_start",
       "work_end",        "status",           "dug_carriageway_m",
       "dug_sidewalk_m",  "dug_other_m"},
      {"source_key"},
      {{"approved_period", "approved_start"}}};
  static const TargetInfo* networks = new TargetInfo{
      {"source_key", "agency", "name", "kind", "width_m"}, {"source_key"}, {}};
  static const TargetInfo* zones = new TargetInfo{
      {"source_key", "zone_no", "reason", "description_zh", "description_en",
       "road_names", "period", "start", "end", "work_start", "work_end",
       "authority_zh", "authority_en", "authority_phone"},
      {"source_key", "zone_no", "reason"},
      {{"period", "start"}}};
  static const TargetInfo* licenses =
      new TargetInfo{{"source_key",
                      "license_no",
                      "building_license_no",
                      "project_name",
                      "issue_date",
                      "start_date",
                      "completion_date",
                      "district",
                      "zoning",
                      "structure",
                      "uses",
                      "building_count",
                      "unit_count",
                      "floors_above",
                      "floors_below",
                      "height_m",
                      "site_area_m2",
                      "building_area_m2",
                      "total_floor_area_m2",
                      "parking_spaces",
                      "construction_cost_twd",
                      "owner",
                      "designer",
                      "designer_office",
                      "supervisor",
                      "supervisor_office",
                      "builder",
                      "builder_office",
                      "addresses",
                      "parcels",
                      "floors"},
                     {"source_key", "license_no"},
                     {}};
  static const TargetInfo* cases =
      new TargetInfo{{"source_key", "case_no", "check_code", "kind",
                      "project_name", "site_address", "district", "license_no",
                      "unit", "received_date", "statutory_days", "events"},
                     {"source_key", "case_no", "check_code", "kind", "unit",
                      "received_date", "statutory_days", "events"},
                     {}};
  static const TargetInfo* projects = new TargetInfo{
      {"source_key", "project_no", "name_zh", "name_en", "unit", "category",
       "status", "location", "district", "road_names", "budget",
       "contract_amount", "contractor", "supervisor", "designer",
       "contract_start", "planned_completion", "extension_days",
       "actual_completion"},
      {"source_key", "project_no", "name_zh", "unit", "status"},
      {}};
  // No source_key: a report is keyed by its project and day.
  static const TargetInfo* progress =
      new TargetInfo{{"project_no", "report_month", "report_date",
                      "planned_percent", "actual_percent", "paid_amount",
                      "lag_reason", "correction", "outside_project_dates"},
                     {"project_no", "planned_percent", "actual_percent"},
                     {}};
  // No source_key: a day is its own key.
  static const TargetInfo* calendar = new TargetInfo{
      {"day", "weekday", "day_off", "note"}, {"day", "day_off"}, {}};
  switch (target) {
    case ROAD_WORKS:
      return road_works;
    case EXCAVATION_PERMITS:
      return permits;
    case UTILITY_NETWORKS:
      return networks;
    case NO_DIG_ZONES:
      return zones;
    case BUILDING_LICENSES:
      return licenses;
    case LICENSE_CASES:
      return cases;
    case PROJECTS:
      return projects;
    case PROJECT_PROGRESS:
      return progress;
    case OFFICE_CALENDAR:
      return calendar;
    default:
      return nullptr;
  }
}

}  // namespace

const std::vector<std::string>& TargetFields(Target target) {
  static const std::vector<std::string> none;
  const TargetInfo* info = InfoFor(target);
  return info == nullptr ? none : info->fields;
}

bool TargetRequires(Target target, const std::string& field) {
  const TargetInfo* info = InfoFor(target);
  return info != nullptr &&
         std::find(info->required.begin(), info->required.end(), field) !=
             info->required.end();
}

absl::StatusOr<Profile> LoadProfileFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  std::stringstream text;
  text << in.rdbuf();
  Profile p;
  google::protobuf::TextFormat::Parser parser;
  Collector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &p)) return Bad(path, errors.text);

  std::string stem = std::filesystem::path(path).stem().string();
  if (p.name() != stem) {
    return Bad(path, absl::StrCat("name \"", p.name(), "\" is not the file's (",
                                  stem, ")"));
  }
  if (InfoFor(p.target()) == nullptr) return Bad(path, "target: required");
  if (p.source().empty()) return Bad(path, "source: required");
  const std::string& enc = p.reader().encoding();
  if (!enc.empty() && enc != "UTF-8" && enc != "CP950" && enc != "BIG5") {
    return Bad(path, absl::StrCat("reader.encoding \"", enc,
                                  "\": UTF-8, CP950 or BIG5"));
  }
  const std::string& format = p.reader().format();
  if (!format.empty() && format != "json-records" && format != "xml-records") {
    return Bad(path, absl::StrCat("reader.format \"", format,
                                  "\": empty (GDAL), json-records or "
                                  "xml-records"));
  }
  if (format == "xml-records" && p.reader().records().empty()) {
    return Bad(path,
               "reader.records: required for xml-records (the record "
               "element's name)");
  }
  const std::string& crs = p.geometry().crs();
  if (!crs.empty() && crs != "detect" && !CrsByName(crs).ok()) {
    return Bad(path, std::string(CrsByName(crs).status().message()));
  }
  const Geometry& geo = p.geometry();
  if (geo.x_field().empty() != geo.y_field().empty()) {
    return Bad(path, "geometry: give both x_field and y_field, or neither");
  }
  const auto& known = TargetFields(p.target());
  std::vector<std::string> seen;
  for (const Field& f : p.field()) {
    if (std::find(known.begin(), known.end(), f.to()) == known.end()) {
      return Bad(path, absl::StrCat("field \"", f.to(),
                                    "\": not a field of the target (",
                                    absl::StrJoin(known, ", "), ")"));
    }
    if (!f.from().empty() + !f.value().empty() + (f.join_size() > 0) != 1) {
      return Bad(path,
                 absl::StrCat("field \"", f.to(),
                              "\": give exactly one of from / value / join"));
    }
    if (!f.value().empty() && !f.values().empty()) {
      return Bad(path, absl::StrCat("field \"", f.to(),
                                    "\": values maps what a source field "
                                    "holds; a constant needs none"));
    }
    if (std::find(seen.begin(), seen.end(), f.to()) != seen.end()) {
      return Bad(path, absl::StrCat("field \"", f.to(), "\": given twice"));
    }
    seen.push_back(f.to());
  }
  for (const std::string& f : known) {
    if (TargetRequires(p.target(), f) &&
        std::find(seen.begin(), seen.end(), f) == seen.end()) {
      return Bad(path, absl::StrCat("field \"", f, "\": required"));
    }
  }
  auto has = [&](const std::string& f) {
    return std::find(seen.begin(), seen.end(), f) != seen.end();
  };
  if ((p.target() == PROJECT_PROGRESS || p.target() == OFFICE_CALENDAR) &&
      p.group_by_key()) {
    return Bad(path, "group_by_key: these records are keyed by their day");
  }
  if (p.target() == PROJECT_PROGRESS && !has("report_month") &&
      !has("report_date")) {
    return Bad(path, "give report_month or report_date (or both)");
  }
  // Permits may come without coordinates, listed by the district named.
  if (!format.empty() && p.geometry().x_field().empty() &&
      p.geometry().wkt_field().empty() &&
      !(p.target() == EXCAVATION_PERMITS && has("district")) &&
      p.target() != PROJECT_PROGRESS && p.target() != OFFICE_CALENDAR) {
    return Bad(path, absl::StrCat(format,
                                  " has no geometry of its own: give "
                                  "geometry.x_field/y_field or wkt_field"));
  }
  if (has("extension_period") && has("extension_start")) {
    return Bad(path,
               "give extension_period (start~end in one field) or "
               "extension_start, not both");
  }
  for (const auto& [one, other] : InfoFor(p.target())->one_of) {
    if (has(one) == has(other)) {
      return Bad(path, absl::StrCat("give either ", one,
                                    " (start~end in one field) or ", other));
    }
  }
  return p;
}

std::string ProfileDirectory() {
  const char* dir = std::getenv("PWIS_IMPORT_PROFILES");
  return dir != nullptr && *dir != '\0' ? dir : PWIS_PROFILE_DIR;
}

absl::StatusOr<Profile> LoadProfile(const std::string& name) {
  // A name, never a path: profiles come from the profile directory only.
  if (name.empty() || name.find_first_of("/\\.") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--profile \"", name, "\": not a profile name"));
  }
  const std::string path =
      (std::filesystem::path(ProfileDirectory()) / (name + ".textproto"))
          .string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::vector<std::string> names;
    auto all = LoadAllProfiles();
    if (all.ok()) {
      for (const Profile& p : *all) names.push_back(p.name());
    }
    return absl::NotFoundError(absl::StrCat(
        "no profile \"", name, "\"; there are: ", absl::StrJoin(names, ", ")));
  }
  return LoadProfileFile(path);
}

absl::StatusOr<std::vector<Profile>> LoadAllProfiles() {
  std::vector<std::string> paths;
  std::error_code ec;
  std::filesystem::directory_iterator it(ProfileDirectory(), ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".textproto") {
      paths.push_back(it->path().string());
    }
  }
  if (ec) {
    return absl::NotFoundError(
        absl::StrCat(ProfileDirectory(), ": ", ec.message()));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Profile> out;
  for (const std::string& p : paths) {
    auto profile = LoadProfileFile(p);
    if (!profile.ok()) return profile.status();
    out.push_back(*std::move(profile));
  }
  return out;
}

}  // namespace pwis::importers
