// The excavation enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
#include <string>
#include <vector>

#include "gis/store/enum_table.h"
#include "pwis/v1/excavation.pb.h"

namespace pwis::store {
namespace {

const EnumEntry kPipelineTypes[] = {
    {pwis::v1::PIPELINE_TYPE_ELECTRIC, "electric", "電力", "Electric power"},
    {pwis::v1::PIPELINE_TYPE_TELECOM, "telecom", "電信", "Telecom"},
    {pwis::v1::PIPELINE_TYPE_WATER, "water", "自來水", "Water"},
    {pwis::v1::PIPELINE_TYPE_GAS, "gas", "天然氣", "Gas"},
    {pwis::v1::PIPELINE_TYPE_SEWER, "sewer", "污水下水道", "Sewer"},
    {pwis::v1::PIPELINE_TYPE_OIL, "oil", "油料", "Oil"},
    {pwis::v1::PIPELINE_TYPE_STREET_LIGHT, "street_light", "路燈",
     "Street lights"},
    {pwis::v1::PIPELINE_TYPE_TRAFFIC_SIGNAL, "traffic_signal", "交通號誌",
     "Traffic signals"},
    {pwis::v1::PIPELINE_TYPE_CABLE_TV, "cable_tv", "有線電視", "Cable TV"},
    {pwis::v1::PIPELINE_TYPE_OTHER, "other", "其他", "Other"},
};

const EnumEntry kPermitCategories[] = {
    {pwis::v1::PERMIT_CATEGORY_EMERGENCY, "emergency", "緊急搶修",
     "Emergency repair"},
    {pwis::v1::PERMIT_CATEGORY_PLANNED, "planned", "計畫性挖掘",
     "Planned works"},
    {pwis::v1::PERMIT_CATEGORY_GENERAL, "general", "一般挖掘", "General"},
};

const EnumEntry kPermitStatuses[] = {
    {pwis::v1::PERMIT_STATUS_APPLIED, "applied", "申請中", "Applied"},
    {pwis::v1::PERMIT_STATUS_APPROVED, "approved", "已核准", "Approved"},
    {pwis::v1::PERMIT_STATUS_IN_PROGRESS, "in_progress", "施工中",
     "In progress"},
    {pwis::v1::PERMIT_STATUS_BACKFILLED, "backfilled", "已回填", "Backfilled"},
    {pwis::v1::PERMIT_STATUS_COMPLETED, "completed", "已完工", "Completed"},
    {pwis::v1::PERMIT_STATUS_REJECTED, "rejected", "已駁回", "Rejected"},
    {pwis::v1::PERMIT_STATUS_CANCELLED, "cancelled", "已撤銷申請", "Cancelled"},
    {pwis::v1::PERMIT_STATUS_REVOKED, "revoked", "已廢止", "Revoked"},
};

const EnumEntry kNoDigReasons[] = {
    {pwis::v1::NO_DIG_REASON_RESURFACED, "resurfaced", "新鋪路面未滿一年",
     "Resurfaced less than a year ago"},
    {pwis::v1::NO_DIG_REASON_EVENT, "event", "活動使用道路",
     "Event on the road"},
    {pwis::v1::NO_DIG_REASON_PROTECTED_PAVEMENT, "protected_pavement",
     "特殊保護鋪面", "Protected pavement"},
    {pwis::v1::NO_DIG_REASON_OTHER, "other", "其他限制", "Other restriction"},
};

const EnumEntry kNetworkKinds[] = {
    {pwis::v1::NETWORK_KIND_CENTRE_LINE, "centre_line", "管線中心線",
     "Centre line"},
    {pwis::v1::NETWORK_KIND_SERVICE_AREA, "service_area", "服務區域",
     "Service area"},
};

const EnumEntry kConflictKinds[] = {
    {pwis::v1::CONFLICT_KIND_PERMIT, "permit", "挖掘許可", "Excavation permit"},
    {pwis::v1::CONFLICT_KIND_ROAD_WORK, "road_work", "道路施工", "Road work"},
    {pwis::v1::CONFLICT_KIND_NO_DIG_ZONE, "no_dig_zone", "禁挖路段",
     "No-dig zone"},
    {pwis::v1::CONFLICT_KIND_PROJECT, "project", "公共工程",
     "Public works project"},
};

const EnumEntry kDigVerdicts[] = {
    {pwis::v1::DIG_VERDICT_CLEAR, "clear", "無衝突", "Clear"},
    {pwis::v1::DIG_VERDICT_CONFLICTS, "conflicts", "有衝突，須協調",
     "Conflicts: coordinate first"},
    {pwis::v1::DIG_VERDICT_BLOCKED, "blocked", "禁止挖掘", "Blocked"},
};

}  // namespace

const std::vector<std::string>& DefaultPermitStatuses() {
  static const auto* statuses = new std::vector<std::string>{
      "applied", "approved", "in_progress", "backfilled", "completed"};
  return *statuses;
}

EnumTable NoDigReasons() { return kNoDigReasons; }
EnumTable NetworkKinds() { return kNetworkKinds; }
EnumTable ConflictKinds() { return kConflictKinds; }
EnumTable DigVerdicts() { return kDigVerdicts; }
EnumTable PipelineTypes() { return kPipelineTypes; }
EnumTable PermitCategories() { return kPermitCategories; }
EnumTable PermitStatuses() { return kPermitStatuses; }

}  // namespace pwis::store
