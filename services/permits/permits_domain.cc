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
    : public ES::WithAsyncMethod_GetPermit<ES::WithAsyncMethod_ListPermits<
          ES::WithAsyncMethod_ExportPermitsGeoJson<
              ES::WithAsyncMethod_ListNoDigZones<
                  ES::WithAsyncMethod_ExportNoDigZonesGeoJson<
                      ES::WithAsyncMethod_ListUtilityNetworks<
                          ES::WithAsyncMethod_CheckDigSite<Streaming>>>>>>> {};

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
    d.Add(&registration_, &Registration::RequestGetPermit, &impl_,
          &S::GetPermit);
    d.Add(&registration_, &Registration::RequestListPermits, &impl_,
          &S::ListPermits);
    d.Add(&registration_, &Registration::RequestExportPermitsGeoJson, &impl_,
          &S::ExportPermitsGeoJson);
    using Z = ZoneNetworkService;
    d.Add(&registration_, &Registration::RequestListNoDigZones, &lists_,
          &Z::ListNoDigZones);
    d.Add(&registration_, &Registration::RequestExportNoDigZonesGeoJson,
          &lists_, &Z::ExportNoDigZonesGeoJson);
    d.Add(&registration_, &Registration::RequestListUtilityNetworks, &lists_,
          &Z::ListUtilityNetworks);
    d.Add(&registration_, &Registration::RequestCheckDigSite, &checks_,
          &DigSiteService::CheckDigSite);
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
