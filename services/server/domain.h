// A domain (road works, districts, ...) as the server wires it: it owns its
// stores and service implementation, and tells the server which gRPC
// service objects to register and which unary methods the AsyncDispatcher
// serves. The list of domains (domains.cc) is the one place a new domain
// is added: pwis-server, pwis-gateway, health checking and the tests loop
// over it.
#ifndef PWIS_SERVICES_SERVER_DOMAIN_H_
#define PWIS_SERVICES_SERVER_DOMAIN_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <vector>

#include "gateway/client_address.h"
#include "gis/store/connection_pool.h"
#include "gis/store/districts_store.h"
#include "gis/store/projects_store.h"
#include "services/common/api_keys.h"
#include "services/common/page_token.h"
#include "services/server/async_dispatcher.h"

namespace pwis {

// What the server shares with every domain; outlives them.
struct DomainContext {
  store::ConnectionPool* pool;
  const PageTokenCodec* tokens;
  // For `district` filters (services/common/district_filter.h).
  store::DistrictsStore* districts;
  // For audits of what API keys' scopes let callers read.
  const ApiKeyAuthenticator* keys;
  // When a project counts as behind schedule (ServerOptions::behind).
  store::BehindThresholds behind;
  // The changes heard to the database, for what stores remember
  // (gis/store/change_memo.h).
  const store::ChangeListener* changes = nullptr;
  // Whose reports of a client's address to believe (ServerOptions).
  const gateway::TrustedProxies* proxies = nullptr;
};

class Domain {
 public:
  virtual ~Domain() = default;

  // The gRPC service objects to register with the server builder (with
  // their unary methods marked asynchronous; streams stay synchronous).
  virtual std::vector<grpc::Service*> Services() = 0;

  // Adds every unary method to `d` (after the services are registered).
  virtual void AddMethods(AsyncDispatcher& d) = 0;
};

struct DomainEntry {
  // Full name of the domain's gRPC service, e.g. "pwis.v1.RoadWorkService":
  // what the JSON front exposes and health checking reports.
  const char* service;
  std::unique_ptr<Domain> (*make)(const DomainContext& context);
};

// Every domain, in the order they are registered.
const std::vector<DomainEntry>& Domains();

}  // namespace pwis

#endif  // PWIS_SERVICES_SERVER_DOMAIN_H_
