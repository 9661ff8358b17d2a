#include "services/licenses/licenses_domain.h"

#include "gis/store/cases_store.h"
#include "gis/store/licenses_store.h"
#include "services/licenses/case_lookup.h"
#include "services/licenses/license_service.h"

namespace pwis::licenses {
namespace {

using LS = pwis::v1::LicenseService;

const gateway::TrustedProxies kNoProxies;

class Registration
    : public LS::WithRawMethod_GetLicense<LS::WithRawMethod_SearchLicenses<
          LS::WithRawMethod_GetCase<LS::Service>>> {};

class LicensesDomain final : public Domain {
 public:
  explicit LicensesDomain(const DomainContext& c)
      : licenses_(c.pool),
        cases_(c.pool),
        impl_(&licenses_, c.districts, c.tokens, c.keys),
        lookup_failures_(c.pool, CaseLookup::kMaxFailures, CaseLookup::kWindow),
        case_lookup_(&cases_, &lookup_failures_,
                     c.proxies != nullptr ? c.proxies : &kNoProxies) {}

  std::vector<grpc::Service*> Services() override { return {&async_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = LicenseServiceImpl;
    // Answers depend on the request alone (a key holder's full view is
    // never cached: the dispatcher leaves calls with keys out).
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&async_, &Registration::RequestGetLicense, &impl_, &S::GetLicense,
          kRead);
    d.Add(&async_, &Registration::RequestSearchLicenses, &impl_,
          &S::SearchLicenses, kRead);
    // Every lookup must pass the failure limit: never cached.
    d.Add(&async_, &Registration::RequestGetCase, &case_lookup_,
          &CaseLookup::GetCase, AsyncDispatcher::Caching::kNone);
  }

 private:
  store::LicensesStore licenses_;
  store::CasesStore cases_;
  LicenseServiceImpl impl_;
  store::LookupFailuresStore lookup_failures_;
  CaseLookup case_lookup_;
  Registration async_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<LicensesDomain>(context);
}

}  // namespace pwis::licenses
