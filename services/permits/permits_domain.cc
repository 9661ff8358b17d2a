#include "services/permits/permits_domain.h"

#include "gis/store/permits_store.h"
#include "services/common/request_checks.h"
#include "services/permits/permit_service.h"

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
          ES::WithAsyncMethod_ExportPermitsGeoJson<Streaming>>> {};

class PermitsDomain final : public Domain {
 public:
  explicit PermitsDomain(const DomainContext& c)
      : permits_(c.pool), impl_(&permits_, c.districts, c.tokens) {
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
  }

 private:
  store::PermitsStore permits_;
  PermitServiceImpl impl_;
  Registration registration_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<PermitsDomain>(context);
}

}  // namespace pwis::permits
