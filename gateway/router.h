// Router: finds the route for an HTTP method and path. Built once at
// start-up from LoadRoutes(); conflicting routes (same method, templates
// that match the same paths) are reported then. Immutable; thread-safe.
#ifndef PWIS_GATEWAY_ROUTER_H_
#define PWIS_GATEWAY_ROUTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/routes.h"

namespace pwis::gateway {

class Router {
 public:
  // Orders `routes` by specificity; INVALID_ARGUMENT naming both methods if
  // two routes of one HTTP method have the same path shape.
  static absl::StatusOr<Router> Build(std::vector<Route> routes);

  struct Result {
    const Route* route = nullptr;  // Null if nothing matched.
    std::vector<PathTemplate::Binding> bindings;
    // When route is null: the methods the path does exist for (for 405 and
    // its Allow header); empty means 404.
    std::vector<std::string> allowed_methods;
  };

  // The most specific route for `method` and `path` (no query string).
  Result Find(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;  // Most specific first.
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_ROUTER_H_
