#include "gateway/gateway.h"

#include <google/api/httpbody.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/support/byte_buffer.h>

#include <iostream>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gateway/http_status.h"
#include "gateway/request_binding.h"

namespace pwis::gateway {
namespace {

namespace http = boost::beast::http;
using google::protobuf::Message;

// Parameters the gateway itself reads; never bound to request fields.
const std::set<std::string>& ReservedParams() {
  static const std::set<std::string> kReserved = {"pretty"};
  return kReserved;
}

HttpResponse Json(unsigned version, int status, std::string body) {
  HttpResponse res(static_cast<http::status>(status), version);
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  return res;
}

HttpResponse Error(unsigned version, grpc::StatusCode code,
                   const std::string& message) {
  return Json(version, HttpStatusFromGrpc(code), StatusJson(code, message));
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* d) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(d);
  return std::unique_ptr<Message>(prototype->New());
}

// Grpc-Timeout: digits and a unit (H, M, S, m, u, n), as in the gRPC spec.
std::optional<std::chrono::nanoseconds> ParseGrpcTimeout(absl::string_view v) {
  if (v.size() < 2 || v.size() > 9) return std::nullopt;
  int64_t n;
  if (!absl::SimpleAtoi(v.substr(0, v.size() - 1), &n) || n < 0)
    return std::nullopt;
  switch (v.back()) {
    case 'H':
      return std::chrono::hours(n);
    case 'M':
      return std::chrono::minutes(n);
    case 'S':
      return std::chrono::seconds(n);
    case 'm':
      return std::chrono::milliseconds(n);
    case 'u':
      return std::chrono::microseconds(n);
    case 'n':
      return std::chrono::nanoseconds(n);
  }
  return std::nullopt;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrFormat("%016x%016x", rng(), rng());
}

// One call in flight: owns everything gRPC writes into.
struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  const Route* route;
  unsigned version;
  bool pretty;
  std::function<void(HttpResponse)> respond;
};

}  // namespace

Gateway::Gateway(Router router, std::shared_ptr<grpc::Channel> channel,
                 GatewayOptions options)
    : router_(std::move(router)),
      stub_(std::move(channel)),
      options_(options) {}

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services,
    std::shared_ptr<grpc::Channel> channel, GatewayOptions options) {
  absl::StatusOr<std::vector<Route>> routes = LoadRoutes(services);
  if (!routes.ok()) return routes.status();
  absl::StatusOr<Router> router = Router::Build(std::move(*routes));
  if (!router.ok()) return router.status();
  return std::unique_ptr<Gateway>(
      new Gateway(std::move(*router), std::move(channel), options));
}

absl::StatusOr<std::unique_ptr<HttpServer>> Gateway::Serve(
    const HttpServerOptions& options) {
  return HttpServer::Start(
      options, [this](HttpRequest req, std::function<void(HttpResponse)> done) {
        Handle(std::move(req), std::move(done));
      });
}

void Gateway::Handle(HttpRequest req,
                     std::function<void(HttpResponse)> respond) {
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive();
  // X-Request-Id: the client's if it sent a sane one, else a new one.
  auto rid = req.find("x-request-id");
  std::string request_id =
      rid != req.end() && !rid->value().empty() && rid->value().size() <= 128
          ? std::string(rid->value())
          : NewRequestId();
  // Every answer, early or from the call, goes out through here.
  auto header = [&req](absl::string_view name) {
    auto it = req.find(boost::beast::string_view(name.data(), name.size()));
    return it == req.end() ? std::string() : std::string(it->value());
  };
  const std::string origin = header("origin");
  respond = [respond = std::move(respond), request_id, keep_alive,
             log = options_.access_log, web = &options_.web, origin,
             is_get = req.method() == http::verb::get,
             if_none_match = header("if-none-match"),
             accept_encoding = header("accept-encoding"),
             method = std::string(req.method_string()),
             target = std::string(req.target()),
             start = std::chrono::steady_clock::now()](HttpResponse res) {
    res.set("X-Request-Id", request_id);
    AddCorsHeaders(*web, origin, res);
    ApplyCaching(*web, is_get, if_none_match, res);
    ApplyCompression(*web, accept_encoding, res);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    if (log) {
      double ms = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      std::cerr << absl::StrFormat("http %s %s %d %d %.1fms %s\n", method,
                                   target, res.result_int(), res.body().size(),
                                   ms, request_id);
    }
    respond(std::move(res));
  };
  auto finish = [&](HttpResponse res) { respond(std::move(res)); };

  absl::string_view target(req.target().data(), req.target().size());
  size_t q = target.find('?');
  std::string path(target.substr(0, q));
  absl::string_view query =
      q == absl::string_view::npos ? "" : target.substr(q + 1);
  // CORS preflight: answered for any route that exists for the method the
  // browser asks about.
  std::string preflight_method = header("access-control-request-method");
  if (req.method() == http::verb::options && !origin.empty() &&
      !preflight_method.empty() &&
      router_.Find(preflight_method, path).route != nullptr) {
    return finish(PreflightResponse(options_.web, version, origin,
                                    preflight_method,
                                    header("access-control-request-headers")));
  }
  Router::Result found = router_.Find(std::string(req.method_string()), path);
  if (found.route == nullptr) {
    if (found.allowed_methods.empty()) {
      return finish(Error(version, grpc::StatusCode::NOT_FOUND,
                          absl::StrCat("no API at ", path)));
    }
    HttpResponse res = Json(
        version, 405,
        StatusJson(grpc::StatusCode::UNIMPLEMENTED,
                   absl::StrCat("method ", std::string(req.method_string()),
                                " not allowed on ", path)));
    res.set(http::field::allow, absl::StrJoin(found.allowed_methods, ", "));
    return finish(std::move(res));
  }
  const Route* route = found.route;

  absl::StatusOr<QueryParams> params = ParseQueryString(query);
  if (!params.ok())
    return finish(Error(version, grpc::StatusCode::INVALID_ARGUMENT,
                        std::string(params.status().message())));
  bool pretty = false;
  for (const auto& [k, v] : *params) {
    if (k == "pretty") pretty = v.empty() || v == "true" || v == "1";
  }
  std::unique_ptr<Message> message = NewMessage(route->method->input_type());
  absl::Status bound = BindPathAndQuery(message.get(), found.bindings, *params,
                                        ReservedParams());
  if (bound.ok() && !route->body.empty() && !req.body().empty()) {
    bound = BindBody(message.get(), route->body, req.body());
  }
  if (!bound.ok()) {
    return finish(Error(version, grpc::StatusCode::INVALID_ARGUMENT,
                        std::string(bound.message())));
  }

  auto call = std::make_shared<Call>();
  call->route = route;
  call->version = version;
  call->pretty = pretty;
  std::chrono::nanoseconds timeout =
      std::chrono::seconds(options_.default_timeout_seconds);
  for (const auto& h : req) {
    std::string name = absl::AsciiStrToLower(std::string(h.name_string()));
    std::string value(h.value());
    if (name == "authorization") {
      call->context.AddMetadata("authorization", value);
    } else if (absl::StartsWith(name, "grpc-metadata-") && name.size() > 14) {
      call->context.AddMetadata(name.substr(14), value);
    } else if (name == "grpc-timeout") {
      auto t = ParseGrpcTimeout(value);
      if (!t) {
        return finish(Error(
            version, grpc::StatusCode::INVALID_ARGUMENT,
            "Grpc-Timeout: expected digits and a unit (H, M, S, m, u, n)"));
      }
      timeout = *t;
    }
  }
  call->context.AddMetadata("x-request-id", request_id);
  call->context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::duration_cast<std::chrono::microseconds>(timeout));
  std::string wire;
  message->SerializeToString(&wire);
  grpc::Slice slice(wire);
  call->request = grpc::ByteBuffer(&slice, 1);
  // From here on only the call answers; `finish` must not be used.
  call->respond = std::move(respond);
  const auto* method = route->method;
  std::string method_path =
      absl::StrCat("/", method->service()->full_name(), "/", method->name());

  stub_.UnaryCall(
      &call->context, method_path, grpc::StubOptions(), &call->request,
      &call->response, [call](grpc::Status status) {
        auto respond = [&](HttpResponse res) {
          for (const auto& [k, v] : call->context.GetServerInitialMetadata()) {
            res.set(
                absl::StrCat("Grpc-Metadata-", std::string(k.data(), k.size())),
                std::string(v.data(), v.size()));
          }
          call->respond(std::move(res));
        };
        if (!status.ok()) {
          HttpResponse res =
              Error(call->version, status.error_code(), status.error_message());
          if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
            res.set(http::field::www_authenticate, "Bearer");
          }
          return respond(std::move(res));
        }
        std::vector<grpc::Slice> slices;
        call->response.Dump(&slices);
        std::string bytes;
        for (const auto& s : slices)
          bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
        const auto* out_type = call->route->method->output_type();
        std::unique_ptr<Message> out = NewMessage(out_type);
        if (!out->ParseFromString(bytes)) {
          return respond(Error(call->version, grpc::StatusCode::INTERNAL,
                               "unparsable response"));
        }
        if (out_type->full_name() == "google.api.HttpBody") {
          auto* body = static_cast<google::api::HttpBody*>(out.get());
          HttpResponse res(http::status::ok, call->version);
          res.set(http::field::content_type, body->content_type().empty()
                                                 ? "application/octet-stream"
                                                 : body->content_type());
          res.body() = body->data();
          return respond(std::move(res));
        }
        const Message* shown = out.get();
        if (!call->route->response_body.empty()) {
          const auto* f = out_type->FindFieldByName(call->route->response_body);
          shown = &out->GetReflection()->GetMessage(*out, f);
        }
        google::protobuf::util::JsonPrintOptions options;
        options.add_whitespace = call->pretty;
        std::string json;
        auto st =
            google::protobuf::util::MessageToJsonString(*shown, &json, options);
        if (!st.ok()) {
          return respond(Error(call->version, grpc::StatusCode::INTERNAL,
                               "response not printable"));
        }
        respond(Json(call->version, 200, std::move(json)));
      });
}

}  // namespace pwis::gateway
