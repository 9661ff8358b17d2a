// Writes public works projects' progress reports (the reporting unit's
// side; reads are ProjectsStore::Progress). The table's rules stay in the
// database, which refuses a write that breaks them (see 0016_projects:
// percents 0-100, cumulative percents that fall only as a correction, a
// day within the project's dates unless flagged, photo links); the refusal
// comes back as the request field it concerns and the reason.
//
// Thread-safe. Returns UNAVAILABLE when the database cannot be reached.
#ifndef PWIS_GIS_STORE_PROGRESS_REPORTS_STORE_H_
#define PWIS_GIS_STORE_PROGRESS_REPORTS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/store_base.h"
#include "pwis/v1/projects.pb.h"

namespace pwis::store {

// One day's report as written. Percents are 0-100 (kept to two decimals).
struct ReportWrite {
  std::string report_date;  // "YYYY-MM-DD"
  double planned_percent = 0;
  double actual_percent = 0;
  int64_t paid_amount = 0;
  std::string lag_reason;
  bool correction = false;
  bool outside_project_dates = false;
  bool ad_hoc = false;
  // Only url and caption are read.
  google::protobuf::RepeatedPtrField<pwis::v1::ProgressPhoto> photos;
  // Provenance of the row ("api:<key id>").
  std::string source;
  // The units whose projects the writer may report on; empty: any.
  std::vector<std::string> units;
};

struct ReportWritten {
  bool inserted = false;  // else the day's report was replaced
  // The rule the write broke: the request field and why. Nothing written.
  struct Refusal {
    std::string field;
    std::string reason;
  };
  std::optional<Refusal> refused;
  // Set when the project's unit is not among ReportWrite::units: its
  // code. Nothing written.
  std::string other_unit;
};

class ProgressReportsStore : public StoreBase {
 public:
  explicit ProgressReportsStore(ConnectionPool* pool) : StoreBase(pool) {}

  // Inserts the report of `w.report_date` for the live project whose
  // normalised number is that of `project_no`, or replaces that day's
  // (whoever wrote it: the row becomes `w.source`'s). NOT_FOUND when
  // there is no such project.
  absl::StatusOr<ReportWritten> Put(const std::string& project_no,
                                    const ReportWrite& w,
                                    const CallLimit& limit);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_PROGRESS_REPORTS_STORE_H_
