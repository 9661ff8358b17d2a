#include "services/districts/districts_domain.h"

#include "services/districts/district_service.h"

namespace pwis::districts {
namespace {

using DS = pwis::v1::DistrictService;

class DistrictsDomain final : public Domain {
 public:
  // The server's own DistrictsStore serves both the district filters of
  // other domains and this service.
  explicit DistrictsDomain(const DomainContext& c) : impl_(c.districts) {}

  std::vector<grpc::Service*> Services() override { return {&async_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = DistrictServiceImpl;
    d.Add(&async_, &DS::AsyncService::RequestLocateDistrict, &impl_,
          &S::LocateDistrict);
    d.Add(&async_, &DS::AsyncService::RequestListDistricts, &impl_,
          &S::ListDistricts);
    d.Add(&async_, &DS::AsyncService::RequestExportDistrictsGeoJson, &impl_,
          &S::ExportDistrictsGeoJson);
  }

 private:
  DistrictServiceImpl impl_;
  DS::AsyncService async_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<DistrictsDomain>(context);
}

}  // namespace pwis::districts
