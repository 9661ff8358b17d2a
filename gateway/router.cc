#include "gateway/router.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace pwis::gateway {
namespace {

// The template with variable names erased and literals decoded (matching
// compares decoded literals, so "a%62" and "ab" are the same): two
// templates with the same shape match exactly the same paths. Segments are
// joined with a byte no decoded literal can hold apart from itself.
std::string Shape(const PathTemplate& t) {
  std::string out;
  for (const auto& s : t.segments()) {
    std::string text =
        s.kind == PathTemplate::SegmentKind::kLiteral
            ? "L" + PercentDecode(s.literal, false).value_or(s.literal)
        : s.kind == PathTemplate::SegmentKind::kSingle ? std::string("*")
                                                       : std::string("**");
    absl::StrAppend(&out, "\x01", absl::CEscape(text));
  }
  if (!t.verb().empty()) absl::StrAppend(&out, ":", t.verb());
  return out;
}

}  // namespace

absl::StatusOr<Router> Router::Build(std::vector<Route> routes) {
  std::map<std::string, const Route*> seen;
  for (const Route& r : routes) {
    std::string key = absl::StrCat(r.http_method, " ", Shape(r.path));
    auto [it, fresh] = seen.emplace(key, &r);
    if (!fresh) {
      return absl::InvalidArgumentError(absl::StrCat(
          "conflicting google.api.http rules: ", r.http_method, " ",
          r.path.ToString(), " (", r.method->full_name(), ") and ",
          it->second->http_method, " ", it->second->path.ToString(), " (",
          it->second->method->full_name(), ")"));
    }
  }
  std::stable_sort(routes.begin(), routes.end(),
                   [](const Route& a, const Route& b) {
                     return a.path.CompareSpecificity(b.path) < 0;
                   });
  Router router;
  router.routes_ = std::move(routes);
  return router;
}

Router::Result Router::Find(const std::string& method,
                            const std::string& path) const {
  Result result;
  std::set<std::string> allowed;
  for (const Route& r : routes_) {
    auto m = r.path.Match(path);
    if (!m) continue;
    if (r.http_method == method) {
      result.route = &r;
      result.bindings = std::move(*m);
      return result;
    }
    allowed.insert(r.http_method);
  }
  result.allowed_methods.assign(allowed.begin(), allowed.end());
  return result;
}

}  // namespace pwis::gateway
