// LicenseService.GetCase: a case by number and check code, with its
// processing clock and missing documents; failed lookups limited per
// client (a wrong code is never an oracle: it reads as no case).
#ifndef PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
#define PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_

#include <grpcpp/grpcpp.h>

#include "gis/store/cases_store.h"
#include "pwis/v1/licenses.pb.h"
#include "services/common/failure_limiter.h"

namespace pwis::licenses {

class CaseLookup {
 public:
  // At most kMaxFailures failed lookups per client address in kWindow.
  static constexpr int kMaxFailures = 10;
  static constexpr absl::Duration kWindow = absl::Minutes(15);

  // `cases` must outlive this.
  explicit CaseLookup(store::CasesStore* cases)
      : cases_(cases), failures_(kMaxFailures, kWindow) {}

  grpc::Status GetCase(grpc::ServerContext* context,
                       const pwis::v1::GetCaseRequest* request,
                       pwis::v1::Case* response);

 private:
  store::CasesStore* cases_;
  FailureLimiter failures_;
};

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_CASE_LOOKUP_H_
