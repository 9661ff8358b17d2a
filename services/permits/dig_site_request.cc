#include "services/permits/dig_site_request.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::permits {
namespace {

// [from, to) of the window, from its times or its days.
absl::Status ParseWindow(const pwis::v1::DigWindow& w, absl::Time* from,
                         absl::Time* to) {
  bool times = w.has_start_time() || w.has_end_time();
  bool days = !w.start_date().empty() || !w.end_date().empty();
  if (times && days) {
    return InvalidField(
        w.has_start_time() ? "window.start_time" : "window.end_time",
        "give the window as times or as dates, not both");
  }
  if (days) {
    std::vector<std::string> missing;
    if (w.start_date().empty()) missing.push_back("window.start_date");
    if (w.end_date().empty()) missing.push_back("window.end_date");
    if (!missing.empty()) return RequiredFields(missing);
    absl::StatusOr<store::TimeFilter> first =
        ParseLocalDate(w.start_date(), "window.start_date");
    if (!first.ok()) return first.status();
    absl::StatusOr<store::TimeFilter> last =
        ParseLocalDate(w.end_date(), "window.end_date");
    if (!last.ok()) return last.status();
    *from = *first->from;
    *to = *last->to;
    if (*to <= *from) {
      return InvalidField("window.end_date",
                          "must not be before window.start_date");
    }
    if (*to - *from > kMaxWindow) {
      return InvalidField("window.end_date",
                          "the window may be at most a year (366 days)");
    }
    return absl::OkStatus();
  }
  std::vector<std::string> missing;
  if (!w.has_start_time()) missing.push_back("window.start_time");
  if (!w.has_end_time()) missing.push_back("window.end_time");
  if (!missing.empty()) return RequiredFields(missing);
  absl::StatusOr<absl::Time> s =
      TimeFromProto(w.start_time(), "window.start_time");
  if (!s.ok()) return s.status();
  absl::StatusOr<absl::Time> e = TimeFromProto(w.end_time(), "window.end_time");
  if (!e.ok()) return e.status();
  if (*e <= *s) {
    return InvalidField("window.end_time", "must be after window.start_time");
  }
  if (*e - *s > kMaxWindow) {
    return InvalidField("window.end_time",
                        "the window may be at most a year (366 days)");
  }
  *from = *s;
  *to = *e;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DigSiteQuery> ParseDigSiteRequest(
    const pwis::v1::CheckDigSiteRequest& r) {
  std::vector<std::string> missing;
  if (!r.has_site() || r.site().fields().empty()) missing.push_back("site");
  if (!r.has_window()) missing.push_back("window");
  if (!missing.empty()) return RequiredFields(missing);
  DigSiteQuery q;
  absl::StatusOr<InputGeometry> site =
      ParseInputGeometry(r.site(), "site", r.srid(), "srid");
  if (!site.ok()) return site.status();
  q.site = std::move(*site);
  if (r.has_buffer_m()) {
    double b = r.buffer_m();
    if (!std::isfinite(b) || b < 0 || b > kMaxBufferM) {
      return InvalidField(
          "buffer_m", absl::StrCat("from 0 to ", kMaxBufferM,
                                   " metres (default ", kDefaultBufferM, ")"));
    }
    q.buffer_m = b;
  }
  if (absl::Status s = ParseWindow(r.window(), &q.from, &q.to); !s.ok()) {
    return s;
  }
  if (r.road_names_size() > kMaxRoadNames) {
    return InvalidField("road_names",
                        absl::StrCat("at most ", kMaxRoadNames, " roads"));
  }
  for (int i = 0; i < r.road_names_size(); ++i) {
    std::string field = absl::StrCat("road_names[", i, "]");
    absl::StatusOr<std::string> name =
        ParseTextFilter(r.road_names(i), field.c_str());
    if (!name.ok()) return name.status();
    if (name->empty()) return InvalidField(field, "empty road name");
    q.roads.push_back(*name);
  }
  if (absl::Status s = CheckGeometryFormat(r.geometry_format()); !s.ok()) {
    return s;
  }
  q.format = r.geometry_format();
  return q;
}

}  // namespace pwis::permits
