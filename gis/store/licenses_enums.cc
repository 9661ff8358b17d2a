// The licenses enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
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

}  // namespace

EnumTable LicenseKinds() { return kLicenseKinds; }
EnumTable PartyRoles() { return kPartyRoles; }

}  // namespace pwis::store
