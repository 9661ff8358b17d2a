// LicenseService.GetCase: a case by number and check code, with its
// processing clock and missing documents; failed lookups limited per
// client address across every server on the database (an IPv6 client by its
// /64; behind trusted proxies, the client they report), and a wrong code is
// never an oracle: it reads as no case.
#ifndef PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
#define PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_

#include <grpcpp/grpcpp.h>

#include "gateway/client_address.h"
#include "gis/store/cases_store.h"
#include "gis/store/lookup_failures_store.h"
#include "pwis/v1/licenses.pb.h"
#include "services/common/failure_limiter.h"

namespace pwis::licenses {

class CaseLookup {
 public:
  // At most kMaxFailures failed lookups per client address in kWindow.
  static constexpr int kMaxFailures = 10;
  static constexpr absl::Duration kWindow = absl::Minutes(15);

  // `cases`, `shared` (the failures every server on the database counts,
  // made with kMaxFailures and kWindow) and `proxies` (whose word on a
  // client's address counts) must outlive this.
  CaseLookup(store::CasesStore* cases, store::LookupFailuresStore* shared,
             const gateway::TrustedProxies* proxies)
      : cases_(cases),
        shared_(shared),
        proxies_(proxies),
        failures_(kMaxFailures, kWindow) {}

  grpc::Status GetCase(grpc::ServerContext* context,
                       const pwis::v1::GetCaseRequest* request,
                       pwis::v1::Case* response);

 private:
  store::CasesStore* cases_;
  store::LookupFailuresStore* shared_;
  const gateway::TrustedProxies* proxies_;
  // This process's own count: refuses a flood before it reaches the
  // database.
  FailureLimiter failures_;
};

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
