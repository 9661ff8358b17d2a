// The road-work enum tables (see enum_table.h), apart from the store so
// that request validation links without the database client.
#include <string>
#include <vector>

#include "gis/store/enum_table.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::store {

const EnumEntry kRoadWorkStatuses[] = {
    {pwis::v1::ROAD_WORK_STATUS_PLANNED, "planned", "預定施工", "Planned"},
    {pwis::v1::ROAD_WORK_STATUS_ACTIVE, "active", "施工中", "In progress"},
    {pwis::v1::ROAD_WORK_STATUS_SUSPENDED, "suspended", "暫停施工",
     "Suspended"},
    {pwis::v1::ROAD_WORK_STATUS_COMPLETED, "completed", "已完工", "Completed"},
    {pwis::v1::ROAD_WORK_STATUS_CANCELLED, "cancelled", "已取消", "Cancelled"},
};

EnumTable RoadWorkStatuses() { return kRoadWorkStatuses; }

const std::vector<std::string>& DefaultRoadWorkStatuses() {
  static const auto* statuses = new std::vector<std::string>{
      "planned", "active", "suspended", "completed"};
  return *statuses;
}

}  // namespace pwis::store
