// The projects enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
#include "gis/store/projects_store.h"
#include "pwis/v1/projects.pb.h"

namespace pwis::store {
namespace {

const EnumEntry kProjectCategories[] = {
    {pwis::v1::PROJECT_CATEGORY_ROAD, "road", "道路", "Road"},
    {pwis::v1::PROJECT_CATEGORY_BRIDGE, "bridge", "橋梁", "Bridge"},
    {pwis::v1::PROJECT_CATEGORY_DRAINAGE, "drainage", "排水", "Drainage"},
    {pwis::v1::PROJECT_CATEGORY_SEWER, "sewer", "下水道", "Sewer"},
    {pwis::v1::PROJECT_CATEGORY_PARK, "park", "公園", "Park"},
    {pwis::v1::PROJECT_CATEGORY_BUILDING, "building", "建築", "Building"},
    {pwis::v1::PROJECT_CATEGORY_BIKE_PATH, "bike_path", "自行車道",
     "Bike path"},
    {pwis::v1::PROJECT_CATEGORY_PAVEMENT, "pavement", "路平", "Resurfacing"},
    {pwis::v1::PROJECT_CATEGORY_STREET_LIGHT, "street_light", "路燈",
     "Street lights"},
    {pwis::v1::PROJECT_CATEGORY_OTHER, "other", "其他", "Other"},
};

const EnumEntry kProjectStatuses[] = {
    {pwis::v1::PROJECT_STATUS_PLANNING, "planning", "規劃中", "Planning"},
    {pwis::v1::PROJECT_STATUS_DESIGN, "design", "設計中", "Design"},
    {pwis::v1::PROJECT_STATUS_TENDERING, "tendering", "招標中", "Tendering"},
    {pwis::v1::PROJECT_STATUS_UNDER_CONSTRUCTION, "under_construction",
     "施工中", "Under construction"},
    {pwis::v1::PROJECT_STATUS_SUSPENDED, "suspended", "停工", "Suspended"},
    {pwis::v1::PROJECT_STATUS_COMPLETED, "completed", "已完工", "Completed"},
    {pwis::v1::PROJECT_STATUS_ACCEPTED, "accepted", "已驗收", "Accepted"},
    {pwis::v1::PROJECT_STATUS_CANCELLED, "cancelled", "已取消", "Cancelled"},
};

const EnumEntry kBehindLevels[] = {
    {pwis::v1::BEHIND_LEVEL_ON_SCHEDULE, "on_schedule", "進度正常",
     "On schedule"},
    {pwis::v1::BEHIND_LEVEL_WARNING, "warning", "進度落後", "Behind schedule"},
    {pwis::v1::BEHIND_LEVEL_SEVERE, "severe", "嚴重落後",
     "Seriously behind schedule"},
    {pwis::v1::BEHIND_LEVEL_NOT_APPLICABLE, "not_applicable", "不適用",
     "Not applicable"},
};

}  // namespace

const std::vector<std::string>& DefaultProjectStatuses() {
  static const auto* statuses = new std::vector<std::string>{
      "planning",  "design",    "tendering", "under_construction",
      "suspended", "completed", "accepted"};
  return *statuses;
}

EnumTable ProjectCategories() { return kProjectCategories; }
EnumTable ProjectStatuses() { return kProjectStatuses; }
EnumTable BehindLevels() { return kBehindLevels; }

}  // namespace pwis::store
