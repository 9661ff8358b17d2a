// Validation of PutProgressReportRequest into the store's write: every
// field checked here, so that the database's own rules (the progress
// series, the project's dates) are all that is left for it to refuse.
#ifndef PWIS_SERVICES_PROJECTS_REPORT_REQUEST_H_
#define PWIS_SERVICES_PROJECTS_REPORT_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/progress_reports_store.h"
#include "pwis/v1/projects.pb.h"

namespace pwis::projects {

// A request's project number: required, a text filter.
absl::StatusOr<std::string> ParseProjectNumber(const std::string& value);

struct ReportRequest {
  std::string project_no;
  store::ReportWrite write;  // all but its source
};

// INVALID_ARGUMENT naming the field: the project number and day required;
// both percents required (named together when missing), finite, 0 to 100;
// paid_amount from 0 to 1e14; lag_reason at most 2,000 bytes; at most 20
// photos, each an ASCII http(s) URL of at most 2,000 bytes without spaces and a
// caption of at most 500; the day not after today (Asia/Taipei, at `now`):
// progress is reported as it stood. A day that is not a month's last is
// ad hoc.
absl::StatusOr<ReportRequest> ParseReportRequest(
    const pwis::v1::PutProgressReportRequest& request, absl::Time now);

}  // namespace pwis::projects

#endif  // PWIS_SERVICES_PROJECTS_REPORT_REQUEST_H_
