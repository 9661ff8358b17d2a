#include "gateway/routes.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"

namespace pwis::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

// Checks that a dotted path names a singular scalar field reachable through
// singular message fields; returns "" if it does, else the reason.
std::string CheckPathField(const Descriptor* message, const std::string& path) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = message->FindFieldByName(parts[i]);
    if (f == nullptr) {
      return absl::StrCat("no field '", parts[i], "' in ",
                          message->full_name());
    }
    if (f->is_repeated()) return absl::StrCat("field '", path, "' is repeated");
    bool last = i + 1 == parts.size();
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (last)
        return absl::StrCat("field '", path, "' is a message, not a scalar");
      message = f->message_type();
    } else if (!last) {
      return absl::StrCat("field '", parts[i], "' of '", path,
                          "' is not a message");
    }
  }
  return "";
}

void AddRoute(const MethodDescriptor* m, const google::api::HttpRule& rule,
              bool nested, std::vector<Route>& out,
              std::vector<std::string>& errors) {
  auto fail = [&](const std::string& why) {
    errors.push_back(absl::StrCat(m->full_name(), ": ", why));
  };
  Route r{"",
          PathTemplate(),
          m,
          rule.body(),
          rule.response_body(),
          absl::StrCat("/", m->service()->full_name(), "/", m->name())};
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      r.http_method = "GET";
      path = rule.get();
      break;
    case google::api::HttpRule::kPut:
      r.http_method = "PUT";
      path = rule.put();
      break;
    case google::api::HttpRule::kPost:
      r.http_method = "POST";
      path = rule.post();
      break;
    case google::api::HttpRule::kDelete:
      r.http_method = "DELETE";
      path = rule.delete_();
      break;
    case google::api::HttpRule::kPatch:
      r.http_method = "PATCH";
      path = rule.patch();
      break;
    case google::api::HttpRule::kCustom:
      r.http_method = rule.custom().kind();
      path = rule.custom().path();
      if (r.http_method.empty()) return fail("custom rule without a kind");
      break;
    default:
      return fail("rule without a method and path");
  }
  if (m->client_streaming()) {
    return fail("client-streaming methods cannot be served over HTTP/JSON");
  }
  if (nested && rule.additional_bindings_size() > 0) {
    fail("additional_bindings must not nest");
  }
  absl::StatusOr<PathTemplate> t = PathTemplate::Parse(path);
  if (!t.ok()) return fail(std::string(t.status().message()));
  r.path = std::move(*t);
  for (const auto& v : r.path.variables()) {
    std::string why = CheckPathField(m->input_type(), v.field_path);
    if (!why.empty()) fail(absl::StrCat(path, ": ", why));
  }
  if (!r.body.empty() && r.body != "*") {
    const FieldDescriptor* f = m->input_type()->FindFieldByName(r.body);
    if (f == nullptr)
      fail(absl::StrCat("body: no field '", r.body, "' in ",
                        m->input_type()->full_name()));
  }
  if (!r.body.empty() &&
      (r.http_method == "GET" || r.http_method == "DELETE")) {
    fail(absl::StrCat(r.http_method, " ", path, " must not have a body"));
  }
  if (!r.response_body.empty() &&
      m->output_type()->FindFieldByName(r.response_body) == nullptr) {
    fail(absl::StrCat("response_body: no field '", r.response_body, "' in ",
                      m->output_type()->full_name()));
  }
  out.push_back(std::move(r));
}

}  // namespace

absl::StatusOr<std::vector<Route>> LoadRoutes(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  std::vector<Route> routes;
  std::vector<std::string> errors;
  for (const auto* s : services) {
    for (int i = 0; i < s->method_count(); ++i) {
      const MethodDescriptor* m = s->method(i);
      if (!m->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule =
          m->options().GetExtension(google::api::http);
      AddRoute(m, rule, false, routes, errors);
      for (const auto& extra : rule.additional_bindings()) {
        AddRoute(m, extra, true, routes, errors);
      }
    }
  }
  if (!errors.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid google.api.http rules:\n  ", absl::StrJoin(errors, "\n  ")));
  }
  return routes;
}

}  // namespace pwis::gateway
