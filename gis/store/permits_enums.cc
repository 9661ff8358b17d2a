// The excavation enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
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

}  // namespace

EnumTable PipelineTypes() { return kPipelineTypes; }
EnumTable PermitCategories() { return kPermitCategories; }
EnumTable PermitStatuses() { return kPermitStatuses; }

}  // namespace pwis::store
