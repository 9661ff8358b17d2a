// LicenseService: licenses by number and the ranked search. Answers are
// public (persons' names masked) unless the call carries the
// licenses.full scope.
#ifndef PWIS_SERVICES_LICENSES_LICENSE_SERVICE_H_
#define PWIS_SERVICES_LICENSES_LICENSE_SERVICE_H_

#include "gis/store/districts_store.h"
#include "gis/store/licenses_store.h"
#include "pwis/v1/licenses.grpc.pb.h"
#include "services/common/api_keys.h"
#include "services/common/page_token.h"

namespace pwis::licenses {

class LicenseServiceImpl final : public pwis::v1::LicenseService::Service {
 public:
  // The stores and codec must outlive the service.
  LicenseServiceImpl(store::LicensesStore* licenses,
                     store::DistrictsStore* districts,
                     const PageTokenCodec* tokens,
                     const ApiKeyAuthenticator* keys)
      : licenses_(licenses),
        districts_(districts),
        tokens_(tokens),
        keys_(keys) {}

  grpc::Status GetLicense(grpc::ServerContext* context,
                          const pwis::v1::GetLicenseRequest* request,
                          pwis::v1::License* response) override;

  grpc::Status SearchLicenses(
      grpc::ServerContext* context,
      const pwis::v1::SearchLicensesRequest* request,
      pwis::v1::SearchLicensesResponse* response) override;

 private:
  store::LicensesStore* licenses_;
  store::DistrictsStore* districts_;
  const PageTokenCodec* tokens_;
  const ApiKeyAuthenticator* keys_;
};

}  // namespace pwis::licenses

#endif  // PWIS_SERVICES_LICENSES_LICENSE_SERVICE_H_
