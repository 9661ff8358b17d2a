#include "services/permits/permits_domain.h"

#include "gis/store/permits_store.h"
#include "services/common/request_checks.h"
#include "services/permits/dig_site_service.h"
#include "services/permits/permit_service.h"
#include "services/permits/zone_network_service.h"

namespace pwis::permits {
namespace {

using ES = pwis::v1::ExcavationService;

// StreamPermits runs on gRPC's synchronous threads; the unary methods on
// the AsyncDispatcher.
class Streaming : public ES::Service {
 public:
  void set_impl(PermitServiceImpl* impl) { impl_ = impl; }
  grpc::Status StreamPermits(
      grpc::ServerContext* context, const pwis::v1::ListPermitsRequest* request,
      grpc::ServerWriter<pwis::v1::Permit>* writer) override {
    return CheckedCall(*context, *request, [&] {
      return impl_->StreamPermits(context, request, writer);
    });
  }

 private:
  PermitServiceImpl* impl_ = nullptr;
};

class Registration
    : public ES::WithRawMethod_GetPermit<
          ES::WithRawMethod_ListPermits<ES::WithRawMethod_ExportPermitsGeoJson<
              ES::WithRawMethod_ListNoDigZones<
                  ES::WithRawMethod_ExportNoDigZonesGeoJson<
                      ES::WithRawMethod_ListUtilityNetworks<
                          ES::WithRawMethod_CheckDigSite<Streaming>>>>>>> {};

class PermitsDomain final : public Domain {
 public:
  explicit PermitsDomain(const DomainContext& c)
      : permits_(c.pool),
        zones_(c.pool),
        networks_(c.pool),
        dig_sites_(c.pool),
        impl_(&permits_, c.districts, c.tokens),
        lists_(&zones_, &networks_, c.districts, c.tokens),
        checks_(&dig_sites_) {
    registration_.set_impl(&impl_);
  }

  std::vector<grpc::Service*> Services() override { return {&registration_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = PermitServiceImpl;
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&registration_, &Registration::RequestGetPermit, &impl_,
          &S::GetPermit, kRead);
    d.Add(&registration_, &Registration::RequestListPermits, &impl_,
          &S::ListPermits, kRead);
    d.Add(&registration_, &Registration::RequestExportPermitsGeoJson, &impl_,
          &S::ExportPermitsGeoJson, kRead);
    using Z = ZoneNetworkService;
    d.Add(&registration_, &Registration::RequestListNoDigZones, &lists_,
          &Z::ListNoDigZones, kRead);
    d.Add(&registration_, &Registration::RequestExportNoDigZonesGeoJson,
          &lists_, &Z::ExportNoDigZonesGeoJson, kRead);
    d.Add(&registration_, &Registration::RequestListUtilityNetworks, &lists_,
          &Z::ListUtilityNetworks, kRead);
    d.Add(&registration_, &Registration::RequestCheckDigSite, &checks_,
          &DigSiteService::CheckDigSite,
          AsyncDispatcher::Caching::kNone);  // Answers carry check_time.
  }

 private:
  store::PermitsStore permits_;
  store::NoDigZonesStore zones_;
  store::UtilityNetworksStore networks_;
  store::DigSiteStore dig_sites_;
  PermitServiceImpl impl_;
  ZoneNetworkService lists_;
  DigSiteService checks_;
  Registration registration_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<PermitsDomain>(context);
}

}  // namespace pwis::permits
