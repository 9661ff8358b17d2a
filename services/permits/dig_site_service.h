// CheckDigSite: the request checked (dig_site_request.h), the site made
// ready and measured in PostGIS, the check run (DigSiteStore), and the
// verdict with its reasons in zh-TW and en.
#ifndef PWIS_SERVICES_PERMITS_DIG_SITE_SERVICE_H_
#define PWIS_SERVICES_PERMITS_DIG_SITE_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "gis/store/dig_site_store.h"
#include "pwis/v1/excavation.pb.h"

namespace pwis::permits {

class DigSiteService {
 public:
  // `store` must outlive the service.
  explicit DigSiteService(store::DigSiteStore* store) : store_(store) {}

  grpc::Status CheckDigSite(grpc::ServerContext* context,
                            const pwis::v1::CheckDigSiteRequest* request,
                            pwis::v1::CheckDigSiteResponse* response);

 private:
  store::DigSiteStore* store_;
};

// The verdict of `response`'s conflicts and its reasons (both set on
// `response`): BLOCKED inside a no-dig zone, CONFLICTS when permits, works
// or projects meet the site, else CLEAR; reasons also count the agencies
// to notify and the joint-dig suggestions.
void SetVerdict(const std::vector<std::string>& truncated_kinds,
                pwis::v1::CheckDigSiteResponse* response);

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_DIG_SITE_SERVICE_H_
