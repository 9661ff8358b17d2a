// LicenseService.GetCase: a case by number and check code, with its
// processing clock and missing documents; failed lookups limited per
// client address (an IPv6 client by its /64; behind trusted proxies, the
// client they report), and a wrong code is never an oracle: it reads as
// no case.
#ifndef PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
#define PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_

#include <grpcpp/grpcpp.h>

#include "gateway/client_address.h"
#include "gis/store/cases_store.h"
#include "pwis/v1/licenses.pb.h"
#include "services/common/failure_limiter.h"

namespace pwis::licenses {

class CaseLookup {
 public:
  // At most kMaxFailures failed lookups per client address in kWindow.
  static constexpr int kMaxFailures = 10;
  static constexpr absl::Duration kWindow = absl::Minutes(15);

  // `cases` and `proxies` (whose word on a client's address counts) must
  // outlive this.
  CaseLookup(store::CasesStore* cases, const gateway::TrustedProxies* proxies)
      : cases_(cases), proxies_(proxies), failures_(kMaxFailures, kWindow) {}

  grpc::Status GetCase(grpc::ServerContext* context,
                       const pwis::v1::GetCaseRequest* request,
                       pwis::v1::Case* response);

 private:
  store::CasesStore* cases_;
  const gateway::TrustedProxies* proxies_;
  FailureLimiter failures_;
};

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
