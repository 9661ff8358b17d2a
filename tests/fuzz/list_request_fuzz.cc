// libFuzzer target: request validation without a database. The input is
// read as a ListRoadWorksRequest, a ListPermitsRequest and a
// CheckDigSiteRequest in wire format, as any gRPC client can send them;
// each goes through the server's request checks and its parser.
// Properties: no crash or sanitizer report; a refusal is INVALID_ARGUMENT
// whose message starts with a field name and which carries a BadRequest; an
// accepted request gives a query the store can run unchanged (finite
// coordinates in range, a positive page size within the limit, instants in
// the supported range).
#include <google/rpc/error_details.pb.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/time/time.h"
#include "services/common/grpc_util.h"
#include "services/common/request_checks.h"
#include "services/permits/dig_site_request.h"
#include "services/permits/list_request.h"
#include "services/roadworks/list_request.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void Refusal(const absl::Status& s) {
  Check(absl::IsInvalidArgument(s));
  Check(s.message().find(": ") != absl::string_view::npos);
  auto payload = s.GetPayload("type.googleapis.com/google.rpc.BadRequest");
  Check(payload.has_value());
  google::rpc::BadRequest bad;
  Check(bad.ParseFromString(std::string(*payload)));
  // One violation, or every missing required field at once.
  Check(bad.field_violations_size() >= 1);
  for (const auto& v : bad.field_violations()) Check(!v.field().empty());
}

void InRange(absl::Time t) {
  Check(t >= pwis::kEarliestQueryTime - absl::Hours(24));
  Check(t <= pwis::kLatestQueryTime + absl::Hours(24));
}

// The shared part of an accepted query is one the store can run unchanged.
void CheckCommon(const pwis::store::CommonFilter& f,
                 const pwis::store::ListOptions& options) {
  if (f.bbox) {
    for (double v : {f.bbox->min_lng, f.bbox->max_lng}) {
      Check(std::isfinite(v) && v >= -180 && v <= 180);
    }
    for (double v : {f.bbox->min_lat, f.bbox->max_lat}) {
      Check(std::isfinite(v) && v >= -90 && v <= 90);
    }
  }
  if (f.circle) {
    Check(std::isfinite(f.circle->lng) && std::isfinite(f.circle->lat));
    Check(f.circle->radius_m > 0 && f.circle->radius_m <= 50000);
  }
  Check(f.district_code.find('\0') == std::string::npos);
  Check(options.limit > 0 && options.limit <= 1000);
  if (f.time.kind == pwis::store::TimeFilter::kAt) InRange(f.time.at);
  if (f.time.from) InRange(*f.time.from);
  if (f.time.to) InRange(*f.time.to);
  if (f.updated_since) InRange(*f.updated_since);
}

// Parses `data` as `Request` and checks what ParseListRequest makes of it.
template <typename Request, typename Parse, typename CheckOwn>
void Run(const uint8_t* data, size_t size, Parse parse, CheckOwn check_own) {
  Request r;
  if (!r.ParseFromArray(data, static_cast<int>(size))) return;
  absl::Status checked = pwis::CheckRequest(r);
  if (!checked.ok()) {
    Refusal(checked);
    return;
  }
  static const pwis::PageTokenCodec tokens("fuzz-secret");
  auto q = parse(r, absl::FromUnixSeconds(1780000000), tokens);
  if (!q.ok()) {
    Refusal(q.status());
    return;
  }
  CheckCommon(q->filter.common, q->options);
  check_own(q->filter);
}

// A dig-site request: accepted only with a structurally sound site in a
// known SRID, a buffer in range and a bounded window.
void RunDigSite(const uint8_t* data, size_t size) {
  pwis::v1::CheckDigSiteRequest r;
  if (!r.ParseFromArray(data, static_cast<int>(size))) return;
  absl::Status checked = pwis::CheckRequest(r);
  if (!checked.ok()) {
    Refusal(checked);
    return;
  }
  auto q = pwis::permits::ParseDigSiteRequest(r);
  if (!q.ok()) {
    Refusal(q.status());
    return;
  }
  Check(q->site.srid == pwis::kWgs84 || q->site.srid == pwis::kTwd97Tm2);
  Check(q->site.json.find("\"coordinates\":") != std::string::npos);
  Check(q->site.json.find('\0') == std::string::npos);
  Check(std::isfinite(q->buffer_m) && q->buffer_m >= 0 &&
        q->buffer_m <= pwis::permits::kMaxBufferM);
  InRange(q->from);
  InRange(q->to);
  Check(q->from < q->to && q->to - q->from <= pwis::permits::kMaxWindow);
  Check(q->roads.size() <= static_cast<size_t>(pwis::permits::kMaxRoadNames));
  for (const std::string& road : q->roads) {
    Check(!road.empty() && road.find('\0') == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Run<pwis::v1::ListRoadWorksRequest>(
      data, size, &pwis::roadworks::ParseListRequest,
      [](const pwis::store::RoadWorkFilter& f) {
        Check(f.road.find('\0') == std::string::npos);
      });
  Run<pwis::v1::ListPermitsRequest>(
      data, size, &pwis::permits::ParseListRequest,
      [](const pwis::store::PermitFilter& f) {
        Check(f.road.find('\0') == std::string::npos);
        Check(f.agency.find('\0') == std::string::npos);
      });
  RunDigSite(data, size);
  return 0;
}
