#include "services/projects/report_request.h"

#include <cmath>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::projects {
namespace {

constexpr int kMaxPhotos = 20;
constexpr size_t kMaxReason = 2000, kMaxUrl = 2000, kMaxCaption = 500;
// As the importers' money fields (100 trillion NT$).
constexpr int64_t kMaxAmount = 100'000'000'000'000;

absl::Status CheckPercent(double v, const char* field) {
  if (!std::isfinite(v) || v < 0 || v > 100) {
    return InvalidField(field, "a cumulative percent from 0 to 100");
  }
  return absl::OkStatus();
}

absl::Status CheckPhotoUrl(const std::string& url, const std::string& field) {
  if (url.empty()) return InvalidField(field, "required");
  if (url.size() > kMaxUrl) {
    return InvalidField(field, absl::StrCat("longer than ", kMaxUrl, " bytes"));
  }
  if (!absl::StartsWith(url, "http://") && !absl::StartsWith(url, "https://")) {
    return InvalidField(field, "an http:// or https:// URL");
  }
  for (char c : url) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b >= 0x80) {
      return InvalidField(field,
                          "a URL in ASCII (percent-encode other characters)");
    }
    if (absl::ascii_isspace(b) || absl::ascii_iscntrl(b)) {
      return InvalidField(field, "a URL holds no spaces or control characters");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ParseProjectNumber(const std::string& value) {
  absl::StatusOr<std::string> no = ParseTextFilter(value, "project_no");
  if (!no.ok()) return no.status();
  if (no->empty()) return InvalidField("project_no", "required");
  return no;
}

absl::StatusOr<ReportRequest> ParseReportRequest(
    const pwis::v1::PutProgressReportRequest& request, absl::Time now) {
  std::vector<std::string> missing;
  if (request.project_no().empty()) missing.push_back("project_no");
  if (request.report_date().empty()) missing.push_back("report_date");
  if (!request.has_planned_percent()) missing.push_back("planned_percent");
  if (!request.has_actual_percent()) missing.push_back("actual_percent");
  if (!missing.empty()) return RequiredFields(missing);

  ReportRequest out;
  absl::StatusOr<std::string> no = ParseProjectNumber(request.project_no());
  if (!no.ok()) return no.status();
  out.project_no = *no;
  store::ReportWrite& w = out.write;
  absl::StatusOr<std::string> day =
      ParseDay(request.report_date(), "report_date");
  if (!day.ok()) return day.status();
  w.report_date = *day;
  absl::CivilDay civil;
  if (!absl::ParseCivilTime(*day, &civil)) {
    return InvalidField("report_date", "expected YYYY-MM-DD");
  }
  if (civil > absl::ToCivilDay(now, Taipei())) {
    return InvalidField("report_date",
                        "after today (Asia/Taipei): report progress as it "
                        "stood on a day that has come");
  }
  // Only a month's last day holds a monthly report.
  w.ad_hoc = request.ad_hoc() ||
             absl::CivilMonth(civil + 1) == absl::CivilMonth(civil);

  if (absl::Status s =
          CheckPercent(request.planned_percent(), "planned_percent");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckPercent(request.actual_percent(), "actual_percent");
      !s.ok()) {
    return s;
  }
  w.planned_percent = request.planned_percent();
  w.actual_percent = request.actual_percent();
  if (request.paid_amount() < 0 || request.paid_amount() > kMaxAmount) {
    return InvalidField("paid_amount",
                        "NT$ paid so far, from 0 to 100,000,000,000,000");
  }
  w.paid_amount = request.paid_amount();
  if (request.lag_reason().size() > kMaxReason) {
    return InvalidField("lag_reason",
                        absl::StrCat("longer than ", kMaxReason, " bytes"));
  }
  w.lag_reason = std::string(absl::StripAsciiWhitespace(request.lag_reason()));
  w.correction = request.correction();
  w.outside_project_dates = request.outside_project_dates();

  if (request.photos_size() > kMaxPhotos) {
    return InvalidField("photos", absl::StrCat("at most ", kMaxPhotos));
  }
  for (int i = 0; i < request.photos_size(); ++i) {
    const pwis::v1::ProgressPhoto& p = request.photos(i);
    if (absl::Status s =
            CheckPhotoUrl(p.url(), absl::StrCat("photos[", i, "].url"));
        !s.ok()) {
      return s;
    }
    if (p.caption().size() > kMaxCaption) {
      return InvalidField(absl::StrCat("photos[", i, "].caption"),
                          absl::StrCat("longer than ", kMaxCaption, " bytes"));
    }
  }
  w.photos = request.photos();
  return out;
}

}  // namespace pwis::projects
