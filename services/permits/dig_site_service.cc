#include "services/permits/dig_site_service.h"

#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "gis/geo/json_struct.h"
#include "gis/store/enum_table.h"
#include "gis/store/row_mapping.h"
#include "services/common/geojson_input.h"
#include "services/common/grpc_util.h"
#include "services/permits/dig_site_request.h"

namespace pwis::permits {
namespace {

using pwis::v1::CheckDigSiteResponse;
using pwis::v1::DigConflict;

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* ts) {
  int64_t us = absl::ToUnixMicros(t);
  ts->set_seconds(us / 1000000);
  ts->set_nanos(static_cast<int32_t>(us % 1000000) * 1000);
}

void AddReason(CheckDigSiteResponse* r, std::string zh, std::string en) {
  auto* reason = r->add_reasons();
  reason->set_zh_tw(std::move(zh));
  reason->set_en(std::move(en));
}

// "ND-1, ND-2 and 3 more" style lists of references.
std::string References(const std::vector<const DigConflict*>& xs) {
  std::string out;
  for (size_t i = 0; i < xs.size() && i < 3; ++i) {
    // A permit may have no number (a feed that numbers none): its id.
    absl::StrAppend(&out, i ? ", " : "",
                    xs[i]->reference().empty() ? absl::StrCat("#", xs[i]->id())
                                               : xs[i]->reference());
  }
  if (xs.size() > 3) absl::StrAppend(&out, " …");
  return out;
}

}  // namespace

void SetVerdict(const std::vector<std::string>& truncated_kinds,
                CheckDigSiteResponse* r) {
  std::vector<const DigConflict*> zones, permits, works, projects;
  for (const DigConflict& c : r->conflicts()) {
    switch (c.kind()) {
      case pwis::v1::CONFLICT_KIND_NO_DIG_ZONE:
        zones.push_back(&c);
        break;
      case pwis::v1::CONFLICT_KIND_PERMIT:
        permits.push_back(&c);
        break;
      case pwis::v1::CONFLICT_KIND_ROAD_WORK:
        works.push_back(&c);
        break;
      default:
        projects.push_back(&c);
    }
  }
  // A permit without coordinates on the dig's road may be at the site:
  // nothing rules it out, so the site is not clear.
  const int unplaced = r->unplaced_permits_size();
  pwis::v1::DigVerdict verdict =
      !zones.empty() ? pwis::v1::DIG_VERDICT_BLOCKED
      : permits.empty() && works.empty() && projects.empty() && unplaced == 0
          ? pwis::v1::DIG_VERDICT_CLEAR
          : pwis::v1::DIG_VERDICT_CONFLICTS;
  r->set_verdict(verdict);
  store::SetLabel(store::ByValue(store::DigVerdicts(), verdict),
                  r->mutable_verdict_label());
  for (const DigConflict* z : zones) {
    AddReason(r,
              absl::StrCat("位於禁挖範圍 ", z->reference(), "（",
                           z->status_label().zh_tw(), "），",
                           z->overlap().first_day(), " 至 ",
                           z->overlap().last_day(), " 不得挖掘"),
              absl::StrCat("Inside no-dig zone ", z->reference(), " (",
                           z->status_label().en(), "): no digging from ",
                           z->overlap().first_day(), " to ",
                           z->overlap().last_day()));
  }
  if (!permits.empty()) {
    AddReason(
        r,
        absl::StrCat("與 ", permits.size(), " 件挖掘許可的範圍及期間重疊：",
                     References(permits)),
        absl::StrCat(permits.size(), " excavation permit",
                     permits.size() > 1 ? "s meet" : " meets",
                     " the site in the window: ", References(permits)));
  }
  if (!works.empty()) {
    AddReason(r,
              absl::StrCat("與 ", works.size(), " 件道路施工的範圍及期間重疊"),
              absl::StrCat(works.size(), " road work",
                           works.size() > 1 ? "s meet" : " meets",
                           " the site in the window"));
  }
  if (!projects.empty()) {
    AddReason(r, absl::StrCat("與 ", projects.size(), " 件公共工程重疊"),
              absl::StrCat(projects.size(), " public works project",
                           projects.size() > 1 ? "s meet" : " meets",
                           " the site in the window"));
  }
  if (unplaced > 0) {
    AddReason(
        r,
        absl::StrCat("同行政區同路段有 ", unplaced,
                     " 件未提供座標的挖掘許可，期間重疊，可能位於施工範圍，"
                     "請向其管線單位確認"),
        absl::StrCat(unplaced, " permit", unplaced > 1 ? "s" : "",
                     " on these roads in this district, in the window, "
                     "came without coordinates and may be at the site: "
                     "ask the agency"));
  }
  if (verdict == pwis::v1::DIG_VERDICT_CLEAR) {
    AddReason(r, "施工範圍及期間內無其他挖掘許可、道路施工或禁挖限制",
              "No permit, road work or no-dig zone meets the site in the "
              "window");
  }
  if (r->agencies_to_notify_size() > 0) {
    int n = r->agencies_to_notify_size();
    AddReason(r,
              absl::StrCat("緩衝範圍 ", r->buffer_m(), " 公尺內有 ", n,
                           " 個管線單位的設施，開挖前請先通知"),
              absl::StrCat(n, n > 1 ? " agencies have" : " agency has",
                           " assets within ", r->buffer_m(),
                           " m: notify before digging"));
  }
  if (r->joint_dig_suggestions_size() > 0) {
    int n = r->joint_dig_suggestions_size();
    AddReason(r, absl::StrCat("同路段有 ", n, " 件挖掘許可可考慮聯合挖掘"),
              absl::StrCat(n, " permit", n > 1 ? "s" : "",
                           " on the same roads could share the trench (joint "
                           "digging)"));
  }
  for (const std::string& kind : truncated_kinds) {
    r->set_truncated(true);
    // Rows without coordinates have no distance: the earliest are kept.
    const bool unplaced = kind == "unplaced";
    AddReason(
        r,
        absl::StrCat("符合的", kind, "超過 ", store::kMaxRowsPerKind,
                     unplaced ? " 筆，僅列出最早者" : " 筆，僅列出最近者"),
        absl::StrCat("More than ", store::kMaxRowsPerKind, " rows of kind ",
                     kind, ": the ", unplaced ? "earliest" : "nearest",
                     " are listed"));
  }
}

grpc::Status DigSiteService::CheckDigSite(
    grpc::ServerContext* context, const pwis::v1::CheckDigSiteRequest* request,
    CheckDigSiteResponse* response) {
  absl::StatusOr<DigSiteQuery> q = ParseDigSiteRequest(*request);
  if (!q.ok()) return ToGrpcStatus(q.status());
  const store::CallLimit limit = WaitDeadline(*context);
  auto prepared =
      store_->PrepareSite(q->site.json, q->site.srid, q->site.polygonal, limit);
  if (!prepared.ok()) return ToGrpcStatus(prepared.status());
  if (const auto* no = std::get_if<store::SiteRefusal>(&*prepared)) {
    return ToGrpcStatus(InvalidField("site", no->reason));
  }
  const store::PreparedSite& site = std::get<store::PreparedSite>(*prepared);
  if (!InServedArea(site.min_lng, site.min_lat) ||
      !InServedArea(site.max_lng, site.max_lat)) {
    return ToGrpcStatus(InvalidField(
        "site", absl::StrFormat("lies outside Taiwan (its extent is %.5f, "
                                "%.5f to %.5f, %.5f in WGS84)",
                                site.min_lng, site.min_lat, site.max_lng,
                                site.max_lat)));
  }
  if (site.width_m > kMaxSiteSideM || site.height_m > kMaxSiteSideM) {
    return ToGrpcStatus(InvalidField(
        "site", absl::StrFormat("spans %.0f m × %.0f m; one check covers at "
                                "most %.0f m × %.0f m (split the site)",
                                site.width_m, site.height_m, kMaxSiteSideM,
                                kMaxSiteSideM)));
  }
  store::DigSite dig{site.tm2_ewkb_hex, q->buffer_m, q->from, q->to};
  absl::StatusOr<store::DigCheck> check =
      store_->Check(dig, q->roads, q->format, limit);
  if (!check.ok()) return ToGrpcStatus(check.status());

  CheckDigSiteResponse& r = *response;
  if (q->format == pwis::v1::GEOMETRY_FORMAT_WKB) {
    r.set_site_wkb(site.wgs84_wkb);
  } else if (q->format != pwis::v1::GEOMETRY_FORMAT_NONE) {
    if (absl::Status s =
            geo::JsonToStruct(site.wgs84_geojson, r.mutable_site());
        !s.ok()) {
      return ToGrpcStatus(absl::InternalError(s.message()));
    }
  }
  if (site.repaired) {
    r.set_site_repaired(true);
    r.mutable_repair_note()->set_zh_tw(absl::StrCat(
        "施工範圍多邊形無效（", site.invalid_reason, "），已自動修正後檢查"));
    r.mutable_repair_note()->set_en(
        absl::StrCat("The site polygon was invalid (", site.invalid_reason,
                     ") and was repaired before the check"));
  }
  r.set_buffer_m(q->buffer_m);
  SetTimestamp(q->from, r.mutable_window()->mutable_start_time());
  SetTimestamp(q->to, r.mutable_window()->mutable_end_time());
  for (auto& d : check->districts) *r.add_districts() = std::move(d);
  for (auto& road : check->roads) r.add_roads(std::move(road));
  for (auto& a : check->agencies) *r.add_agencies_to_notify() = std::move(a);
  for (auto& c : check->conflicts) *r.add_conflicts() = std::move(c);
  for (auto& j : check->joint) *r.add_joint_dig_suggestions() = std::move(j);
  for (auto& u : check->unplaced) *r.add_unplaced_permits() = std::move(u);
  SetTimestamp(absl::Now(), r.mutable_check_time());
  SetVerdict(check->truncated_kinds, &r);
  return grpc::Status::OK;
}

}  // namespace pwis::permits
