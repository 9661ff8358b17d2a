// The licenses enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
#include "gis/store/cases_store.h"
#include "gis/store/licenses_store.h"
#include "pwis/v1/licenses.pb.h"

namespace pwis::store {
namespace {

const EnumEntry kLicenseKinds[] = {
    {pwis::v1::LICENSE_KIND_BUILDING, "building", "建造執照",
     "Building license"},
    {pwis::v1::LICENSE_KIND_USE, "use", "使用執照", "Use license"},
    {pwis::v1::LICENSE_KIND_MISCELLANEOUS, "miscellaneous", "雜項執照",
     "Miscellaneous works license"},
    {pwis::v1::LICENSE_KIND_DEMOLITION, "demolition", "拆除執照",
     "Demolition license"},
};

const EnumEntry kPartyRoles[] = {
    {pwis::v1::PARTY_ROLE_OWNER, "owner", "起造人", "Owner"},
    {pwis::v1::PARTY_ROLE_DESIGNER, "designer", "設計人", "Designer"},
    {pwis::v1::PARTY_ROLE_SUPERVISOR, "supervisor", "監造人", "Supervisor"},
    {pwis::v1::PARTY_ROLE_BUILDER, "builder", "承造人", "Builder"},
};

const EnumEntry kCaseKinds[] = {
    {pwis::v1::CASE_KIND_NEW_BUILDING, "new_building", "建造執照申請",
     "Building license application"},
    {pwis::v1::CASE_KIND_AMENDMENT, "amendment", "變更設計", "Amendment"},
    {pwis::v1::CASE_KIND_USE_LICENSE, "use_license", "使用執照申請",
     "Use license application"},
    {pwis::v1::CASE_KIND_START_REPORT, "start_report", "開工申報",
     "Construction start report"},
    {pwis::v1::CASE_KIND_STAGE_INSPECTION, "stage_inspection", "施工勘驗",
     "Stage inspection"},
    {pwis::v1::CASE_KIND_MISCELLANEOUS, "miscellaneous", "雜項及其他",
     "Miscellaneous"},
};

const EnumEntry kCaseStatuses[] = {
    {pwis::v1::CASE_STATUS_RECEIVED, "received", "已收件", "Received"},
    {pwis::v1::CASE_STATUS_IN_REVIEW, "in_review", "審查中", "In review"},
    {pwis::v1::CASE_STATUS_CORRECTION_REQUIRED, "correction_required",
     "退件補正", "Correction required"},
    {pwis::v1::CASE_STATUS_RESUBMITTED, "resubmitted", "已補正送件",
     "Resubmitted"},
    {pwis::v1::CASE_STATUS_APPROVED, "approved", "審查通過", "Approved"},
    {pwis::v1::CASE_STATUS_LICENSE_ISSUED, "license_issued", "已核發執照",
     "License issued"},
    {pwis::v1::CASE_STATUS_REJECTED, "rejected", "駁回", "Rejected"},
    {pwis::v1::CASE_STATUS_WITHDRAWN, "withdrawn", "申請人撤回", "Withdrawn"},
};

}  // namespace

EnumTable CaseKinds() { return kCaseKinds; }
EnumTable CaseStatuses() { return kCaseStatuses; }

EnumTable LicenseKinds() { return kLicenseKinds; }
EnumTable PartyRoles() { return kPartyRoles; }

}  // namespace pwis::store
