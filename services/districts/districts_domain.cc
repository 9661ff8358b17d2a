#include "services/districts/districts_domain.h"

#include "services/districts/district_service.h"

namespace pwis::districts {
namespace {

using DS = pwis::v1::DistrictService;

class Registration
    : public DS::WithRawMethod_LocateDistrict<DS::WithRawMethod_ListDistricts<
          DS::WithRawMethod_ExportDistrictsGeoJson<DS::Service>>> {};

class DistrictsDomain final : public Domain {
 public:
  // The server's own DistrictsStore serves both the district filters of
  // other domains and this service.
  explicit DistrictsDomain(const DomainContext& c) : impl_(c.districts) {}

  std::vector<grpc::Service*> Services() override { return {&async_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = DistrictServiceImpl;
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&async_, &Registration::RequestLocateDistrict, &impl_,
          &S::LocateDistrict, kRead);
    d.Add(&async_, &Registration::RequestListDistricts, &impl_,
          &S::ListDistricts, kRead);
    d.Add(&async_, &Registration::RequestExportDistrictsGeoJson, &impl_,
          &S::ExportDistrictsGeoJson, kRead);
  }

 private:
  DistrictServiceImpl impl_;
  Registration async_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<DistrictsDomain>(context);
}

}  // namespace pwis::districts
