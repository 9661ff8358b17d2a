// Reads public works projects (table projects, with project_units, their
// progress reports and milestones) from PostGIS.
//
// How far behind a project is depends on today (Asia/Taipei) and on the
// thresholds the store is made with, so it is derived in each query, never
// stored: a project under construction or suspended is SEVERE once its
// revised completion day has passed or its latest variance is at most
// -severe_points, WARNING at most -warning_points, else ON_SCHEDULE
// (NOT_APPLICABLE without a report); projects in any other status are
// NOT_APPLICABLE.
//
// Every method takes the call's limit (see ConnectionPool::Run) and returns
// UNAVAILABLE when the database cannot be reached. Thread-safe.
#ifndef PWIS_GIS_STORE_PROJECTS_STORE_H_
#define PWIS_GIS_STORE_PROJECTS_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/dig_rows.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/projects.pb.h"

namespace pwis::store {

EnumTable ProjectCategories();
EnumTable ProjectStatuses();
EnumTable BehindLevels();

// Percentage points behind plan (planned - actual) from which a project is
// WARNING and SEVERE; 0 < warning_points <= severe_points <= 100.
struct BehindThresholds {
  double warning_points = 5;
  double severe_points = 10;
};

// A validated selection; conditions combine with AND. Enum lists hold
// database names; empty means any. Days are "YYYY-MM-DD" (Asia/Taipei),
// empty for no bound.
struct ProjectFilter {
  // common.district_code: a district the site crosses.
  CommonFilter common;
  std::string unit;  // Unit code, or substring of its Chinese or English name.
  std::vector<std::string> categories, statuses, behind_levels;
  std::string q;  // Substring of names, number, location or roads.
  std::string start_from, start_to, completion_from, completion_to;
  enum class Order { kContractStart, kVariance, kAmount };
  Order order = Order::kContractStart;
};

using ProjectPage = Page<pwis::v1::Project>;

// The statuses a list without a status filter selects: all but cancelled.
const std::vector<std::string>& DefaultProjectStatuses();

// The projects' vector tile layer "projects" with their behind-schedule
// level by `thresholds` (see BehindThresholds).
TileLayer ProjectsTileLayer(const BehindThresholds& thresholds);

class ProjectsStore : public StoreBase {
 public:
  ProjectsStore(ConnectionPool* pool, BehindThresholds thresholds);
  ~ProjectsStore();

  // The live project whose normalised number is that of `project_no`, with
  // its status history; NOT_FOUND if none.
  absl::StatusOr<pwis::v1::Project> Get(const std::string& project_no,
                                        pwis::v1::GeometryFormat format,
                                        const CallLimit& limit);

  // Projects matching `filter` in its order, after `options.after` (whose
  // start_us holds the order's key: microseconds of the contract start, or
  // the int8 variance or amount key).
  absl::StatusOr<ProjectPage> List(const ProjectFilter& filter,
                                   const ListOptions& options,
                                   const CallLimit& limit);

  // Same selection and order as List, as GeoJSON features.
  absl::StatusOr<GeoJsonPage> ListGeoJson(const ProjectFilter& filter,
                                          const ListOptions& options,
                                          const CallLimit& limit);

  // The progress series and milestones of a live project; NOT_FOUND if
  // none.
  absl::StatusOr<pwis::v1::ProjectProgress> Progress(
      const std::string& project_no, const CallLimit& limit);

  // Totals, per district (of most of the site) and per unit, over the
  // projects of `filter` (paging and order ignored).
  absl::StatusOr<pwis::v1::ProjectStats> Stats(const ProjectFilter& filter,
                                               const CallLimit& limit);

  // The project as an OC4IDS project package (JSON text); NOT_FOUND if
  // none.
  absl::StatusOr<std::string> Oc4ids(const std::string& project_no,
                                     const CallLimit& limit);

  // The dig-site check's rows (see dig_rows.h) for the projects of
  // `filter` (its common.near and common.time the site's), ordered by
  // nothing; `q` holds the parameters.
  static std::string DigRows(SqlBuilder& q, const ProjectFilter& filter,
                             const DigSite& site,
                             pwis::v1::GeometryFormat format);

  // The statements List, Progress and Stats run (for benchmarks' raw-SQL
  // side).
  Statement ListStatement(const ProjectFilter& filter,
                          const ListOptions& options) const;
  Statement ProgressStatement(const std::string& project_no) const;
  Statement StatsStatement(const ProjectFilter& filter) const;

 private:
  struct Sql;  // The statements' fixed parts, made once from the thresholds.
  std::unique_ptr<const Sql> sql_;
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_PROJECTS_STORE_H_
