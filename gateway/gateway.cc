#include "gateway/gateway.h"

#include <google/api/httpbody.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <iostream>
#include <random>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "gateway/byte_buffer.h"
#include "gateway/deterministic_serialization.h"
#include "gateway/http_status.h"
#include "gateway/openapi.h"
#include "gateway/request_binding.h"
#include "gateway/text_forms.h"

namespace pwis::gateway {

// Counts a call as in flight for as long as it lives (see WaitIdle).
class CallTicket {
 public:
  explicit CallTicket(Gateway* gateway) : gateway_(gateway) {
    absl::MutexLock l(&gateway_->mu_);
    ++gateway_->in_flight_;
  }
  ~CallTicket() {
    absl::MutexLock l(&gateway_->mu_);
    --gateway_->in_flight_;
  }
  CallTicket(const CallTicket&) = delete;
  CallTicket& operator=(const CallTicket&) = delete;

 private:
  Gateway* gateway_;
};

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
                   const std::string& message,
                   const google::rpc::Status* details = nullptr) {
  return Json(version, HttpStatusFromGrpc(code),
              StatusJson(code, message, details));
}

// A failed call's google.rpc.Status body, with its details.
std::string CallStatusJson(const grpc::Status& status) {
  std::optional<google::rpc::Status> details = DetailsOf(status);
  return StatusJson(status.error_code(), status.error_message(),
                    details ? &*details : nullptr);
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* d) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(d);
  return std::unique_ptr<Message>(prototype->New());
}

// Longest deadline a client may ask for; keeps the arithmetic in range.
constexpr absl::Duration kMaxTimeout = absl::Hours(24);

// Grpc-Timeout: digits and a unit (H, M, S, m, u, n), as in the gRPC spec.
std::optional<std::chrono::nanoseconds> ParseGrpcTimeout(absl::string_view v) {
  if (v.size() < 2 || v.size() > 9) return std::nullopt;
  int64_t n;
  if (!absl::SimpleAtoi(v.substr(0, v.size() - 1), &n) || n < 0)
    return std::nullopt;
  absl::Duration d;  // absl durations saturate instead of overflowing.
  switch (v.back()) {
    case 'H':
      d = absl::Hours(n);
      break;
    case 'M':
      d = absl::Minutes(n);
      break;
    case 'S':
      d = absl::Seconds(n);
      break;
    case 'm':
      d = absl::Milliseconds(n);
      break;
    case 'u':
      d = absl::Microseconds(n);
      break;
    case 'n':
      d = absl::Nanoseconds(n);
      break;
    default:
      return std::nullopt;
  }
  return absl::ToChronoNanoseconds(std::min(d, kMaxTimeout));
}

// Request bodies are JSON: application/json or any application/*+json, in
// UTF-8. A missing Content-Type is taken as JSON.
bool IsJsonMediaType(absl::string_view header) {
  std::vector<absl::string_view> parts = absl::StrSplit(header, ';');
  std::string type =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(parts[0]));
  if (!type.empty() && type != "application/json" &&
      !(absl::StartsWith(type, "application/") &&
        absl::EndsWith(type, "+json"))) {
    return false;
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string param =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(parts[i]));
    if (absl::StartsWith(param, "charset=") && param != "charset=utf-8" &&
        param != "charset=\"utf-8\"") {
      return false;
    }
  }
  return true;
}

// gRPC aborts the process on metadata it considers invalid, so header
// values become metadata only if they pass its rules: printable ASCII
// values, keys of [0-9a-z_.-] (not starting "grpc-"), and "-bin" keys
// carrying base64 in HTTP.
bool PrintableAscii(absl::string_view v) {
  return std::all_of(v.begin(), v.end(),
                     [](char c) { return c >= 0x20 && c <= 0x7e; });
}
bool ValidMetadataKey(absl::string_view k) {
  return !k.empty() && !absl::StartsWith(k, "grpc-") &&
         std::all_of(k.begin(), k.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
         });
}
// What a request's headers ask of its call.
struct CallHeaders {
  std::vector<std::pair<std::string, std::string>> metadata;
  std::chrono::nanoseconds timeout;
};

// Reads Authorization, X-Api-Key, Accept-Language and Grpc-Metadata-* (as
// metadata) and Grpc-Timeout; INVALID_ARGUMENT naming a header gRPC would
// refuse or cannot read.
absl::StatusOr<CallHeaders> ReadCallHeaders(
    const HttpRequest& req, std::chrono::nanoseconds default_timeout) {
  CallHeaders out{{}, default_timeout};
  for (const auto& h : req) {
    std::string name = absl::AsciiStrToLower(std::string(h.name_string()));
    std::string value(h.value());
    if (name == "accept-language") {
      // A hint: one gRPC would refuse is dropped, not an error.
      if (PrintableAscii(value) && value.size() <= 200) {
        out.metadata.emplace_back(name, value);
      }
    } else if (name == "authorization" || name == "x-api-key") {
      if (!PrintableAscii(value)) {
        return absl::InvalidArgumentError(absl::StrCat(
            name == "authorization" ? "Authorization" : "X-Api-Key",
            ": must be printable ASCII"));
      }
      out.metadata.emplace_back(name, value);
    } else if (absl::StartsWith(name, "grpc-metadata-") && name.size() > 14) {
      std::string key = name.substr(14);
      std::string header(h.name_string());
      // Names the front sets itself must not come from the client.
      if (absl::StartsWith(key, "pwis-") || key == "x-request-id") {
        return absl::InvalidArgumentError(absl::StrCat(
            header,
            ": reserved (the front sets it; send X-Request-Id for a "
            "request id)"));
      }
      if (!ValidMetadataKey(key)) {
        return absl::InvalidArgumentError(
            absl::StrCat(header,
                         ": the name after Grpc-Metadata- must be of "
                         "0-9 a-z _ . - and not start with grpc-"));
      }
      if (absl::EndsWith(key, "-bin")) {
        std::string bytes;
        if (!absl::Base64Unescape(value, &bytes)) {
          return absl::InvalidArgumentError(
              absl::StrCat(header, ": expected base64"));
        }
        value = std::move(bytes);
      } else if (!PrintableAscii(value)) {
        return absl::InvalidArgumentError(
            absl::StrCat(header,
                         ": must be printable ASCII (send other bytes "
                         "base64 in a -bin key)"));
      }
      out.metadata.emplace_back(std::move(key), std::move(value));
    } else if (name == "grpc-timeout") {
      auto t = ParseGrpcTimeout(value);
      if (!t) {
        return absl::InvalidArgumentError(
            "Grpc-Timeout: expected digits and a unit (H, M, S, m, u, n)");
      }
      out.timeout = *t;
    }
  }
  return out;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrFormat("%016x%016x", rng(), rng());
}

// The HTTP side of one request: the responder and what the answer's
// headers and the access log need from the request.
class Exchange {
 public:
  Exchange(const HttpRequest& req, std::shared_ptr<HttpResponder> responder,
           const GatewayOptions* options)
      : responder_(std::move(responder)),
        options_(options),
        access_log_(options->access_log),
        version_(req.version()),
        keep_alive_(req.keep_alive()),
        is_get_(req.method() == http::verb::get ||
                req.method() == http::verb::head),
        is_head_(req.method() == http::verb::head),
        method_(req.method_string()),
        target_(DisplayForm(
            absl::string_view(req.target().data(), req.target().size()))),
        start_(std::chrono::steady_clock::now()) {
    // X-Request-Id: the client's if it sent a sane one, else a new one.
    std::string rid = Header(req, "x-request-id");
    request_id_ = IsSaneRequestId(rid) ? rid : NewRequestId();
    origin_ = Header(req, "origin");
    if_none_match_ = Header(req, "if-none-match");
    accept_encoding_ = Header(req, "accept-encoding");
    credentialed_ = !Header(req, "authorization").empty() ||
                    !Header(req, "x-api-key").empty();
  }

  static std::string Header(const HttpRequest& req, absl::string_view name) {
    auto it = req.find(boost::beast::string_view(name.data(), name.size()));
    return it == req.end() ? std::string() : std::string(it->value());
  }

  unsigned version() const { return version_; }
  const std::string& request_id() const { return request_id_; }
  const std::string& origin() const { return origin_; }
  const std::string& accept_encoding() const { return accept_encoding_; }
  const std::string& if_none_match() const { return if_none_match_; }
  std::string peer() const { return responder_->Peer(); }

  // Sends a whole response with the web headers (CORS, caching, gzip).
  void Send(HttpResponse res) {
    res.set("X-Request-Id", request_id_);
    AddCorsHeaders(options_->web, origin_, res);
    // Labels follow Accept-Language (services/common/language.h).
    if (is_get_) {
      res.set(http::field::vary,
              res.count(http::field::vary) != 0
                  ? absl::StrCat(std::string(res[http::field::vary]),
                                 ", Accept-Language")
                  : std::string("Accept-Language"));
    }
    // An answer for a key holder may hold what the public must not see:
    // no shared cache may keep it.
    if (credentialed_ && res.count(http::field::cache_control) == 0) {
      res.set(http::field::cache_control, "private, no-store");
    }
    ApplyCaching(options_->web, is_get_, if_none_match_, res, accept_encoding_);
    ApplyCompression(options_->web, accept_encoding_, res);
    res.keep_alive(keep_alive_);
    res.prepare_payload();
    if (is_head_) {  // Same headers as the GET, Content-Length included.
      res.body().clear();
    }
    Log(res.result_int(), res.body().size());
    responder_->Send(std::move(res));
  }

  // Starts a streamed 200: never cached, never compressed (each message
  // must reach the client as soon as it is written).
  void StartStream(HttpResponse head, HttpResponder::Written written) {
    head.set("X-Request-Id", request_id_);
    AddCorsHeaders(options_->web, origin_, head);
    head.set(http::field::cache_control, "no-store");
    head.set("X-Accel-Buffering", "no");  // Tell proxies not to buffer.
    head.keep_alive(keep_alive_);
    stream_status_ = head.result_int();
    responder_->StartStream(std::move(head), std::move(written));
  }
  void Write(std::string chunk, HttpResponder::Written written) {
    stream_bytes_ += chunk.size();
    responder_->Write(std::move(chunk), std::move(written));
  }
  void End() {
    Log(stream_status_, stream_bytes_);
    responder_->End();
  }

 private:
  void Log(int status, size_t bytes) {
    if (!access_log_) return;
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start_)
                    .count();
    std::cerr << absl::StrFormat("http %s %s %d %d %.1fms %s\n", method_,
                                 target_, status, bytes, ms, request_id_);
  }

  std::shared_ptr<HttpResponder> responder_;
  // Used only while the call holds its CallTicket; what is needed after
  // (the log switch) is copied.
  const GatewayOptions* options_;
  bool access_log_;
  unsigned version_;
  bool keep_alive_;
  bool is_get_;   // GET or HEAD: cacheable.
  bool is_head_;  // The answer's headers only.
  std::string method_;
  std::string target_;
  std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  std::string origin_;
  bool credentialed_ = false;
  std::string if_none_match_;
  std::string accept_encoding_;
  int stream_status_ = 200;
  size_t stream_bytes_ = 0;
};

// The HTTP answer to a failed call.
HttpResponse CallError(unsigned version, const grpc::Status& status) {
  HttpResponse res = Json(version, HttpStatusFromGrpc(status.error_code()),
                          CallStatusJson(status));
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    res.set(http::field::www_authenticate, "Bearer");
  }
  return res;
}

// Response metadata as headers: initial as Grpc-Metadata-*, trailing as
// Grpc-Trailer-* (grpc-gateway's names); "-bin" values base64-encoded.
// The status details (grpc-status-details-bin) are in the body already.
void CopyMetadata(const std::multimap<grpc::string_ref, grpc::string_ref>& md,
                  absl::string_view prefix, HttpResponse& res) {
  for (const auto& [k, v] : md) {
    std::string key(k.data(), k.size());
    std::string value(v.data(), v.size());
    if (key == "grpc-status-details-bin") continue;
    if (absl::EndsWith(key, "-bin")) {
      value = absl::Base64Escape(value);
    } else if (!PrintableAscii(value)) {
      continue;
    }
    res.set(absl::StrCat(prefix, key), value);
  }
}

void CopyServerMetadata(const grpc::ClientContext& context, HttpResponse& res) {
  CopyMetadata(context.GetServerInitialMetadata(), "Grpc-Metadata-", res);
}

// Wire bytes of a whole response straight to JSON: what MessageToJsonString
// does after serializing, without parsing and re-serializing first.
// The top-level field numbers present in a message's wire bytes.
std::set<int> TopLevelFields(const std::string& bytes) {
  std::set<int> out;
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(bytes.data()),
      static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    out.insert(static_cast<int>(tag >> 3));
    if (!google::protobuf::internal::WireFormatLite::SkipField(&in, tag)) break;
  }
  return out;
}

// proto3 JSON leaves out empty repeated fields; a web client expects a
// list response to carry its list whatever its length ({"roadWorks": []}),
// so top-level repeated fields absent from the bytes are written as [].
void AddEmptyLists(const std::string& bytes,
                   const google::protobuf::Descriptor* d, std::string& json) {
  std::vector<const google::protobuf::FieldDescriptor*> repeated;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->is_repeated() && !d->field(i)->is_map()) {
      repeated.push_back(d->field(i));
    }
  }
  if (repeated.empty() || json.empty() || json[0] != '{') return;
  std::set<int> present = TopLevelFields(bytes);
  std::string lists;
  for (const auto* f : repeated) {
    if (present.count(f->number()) != 0) continue;
    absl::StrAppend(&lists, lists.empty() ? "" : ",", "\"", f->json_name(),
                    "\":[]");
  }
  if (lists.empty()) return;
  size_t close = json.find_first_not_of(" \n\r\t", 1);
  bool empty = close != std::string::npos && json[close] == '}';
  json.insert(1, empty ? lists : lists + ",");
}

std::optional<std::string> WireToJson(const std::string& bytes,
                                      const google::protobuf::Descriptor* d,
                                      bool pretty) {
  static google::protobuf::util::TypeResolver* const resolver =
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com",
          google::protobuf::DescriptorPool::generated_pool());
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  std::string json;
  if (!google::protobuf::util::BinaryToJsonString(
           resolver, absl::StrCat("type.googleapis.com/", d->full_name()),
           bytes, &json, options)
           .ok()) {
    return std::nullopt;
  }
  AddEmptyLists(bytes, d, json);
  return json;
}

bool IsHttpBody(const google::protobuf::Descriptor* d) {
  return d->full_name() == "google.api.HttpBody";
}

// The part of a parsed response shown to HTTP clients, as JSON.
std::optional<std::string> ResponseJson(const Message& out, const Route& route,
                                        bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  std::string json;
  const Message* shown = &out;
  if (!route.response_body.empty()) {
    const auto* f = out.GetDescriptor()->FindFieldByName(route.response_body);
    if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE &&
        !f->is_repeated()) {
      shown = &out.GetReflection()->GetMessage(out, f);
    } else {
      // A scalar or repeated field: print a message holding only it (with
      // its default, if unset) and take that member's value.
      std::unique_ptr<Message> only(out.New());
      only->CopyFrom(out);
      for (int i = 0; i < only->GetDescriptor()->field_count(); ++i) {
        const auto* g = only->GetDescriptor()->field(i);
        if (g != f) only->GetReflection()->ClearField(only.get(), g);
      }
      google::protobuf::util::JsonPrintOptions all;
      all.always_print_primitive_fields = true;
      google::protobuf::Struct parsed;
      if (!google::protobuf::util::MessageToJsonString(*only, &json, all)
               .ok() ||
          !google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) {
        return std::nullopt;
      }
      json.clear();
      auto it = parsed.fields().find(f->json_name());
      if (it == parsed.fields().end() ||
          !google::protobuf::util::MessageToJsonString(it->second, &json,
                                                       options)
               .ok()) {
        return std::nullopt;
      }
      return json;
    }
  }
  if (!google::protobuf::util::MessageToJsonString(*shown, &json, options)
           .ok()) {
    return std::nullopt;
  }
  return json;
}

// A (non-HttpBody) response's wire bytes as the JSON HTTP clients see:
// straight from the bytes for a whole message, through a parse when the
// rule shows one field (response_body).
std::optional<std::string> PrintResponse(const std::string& bytes,
                                         const Route& route, bool pretty) {
  const auto* type = route.method->output_type();
  if (route.response_body.empty()) return WireToJson(bytes, type, pretty);
  std::unique_ptr<Message> out = NewMessage(type);
  if (!out->ParseFromString(bytes)) return std::nullopt;
  return ResponseJson(*out, route, pretty);
}

// One unary call in flight: owns everything gRPC writes into.
struct UnaryCall {
  UnaryCall(Gateway* gateway, JsonMemo* memo) : ticket(gateway), memo(memo) {}
  CallTicket ticket;  // First: released last.
  JsonMemo* memo;
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  const Route* route;
  bool pretty;
  std::shared_ptr<Exchange> exchange;

  void Done(const grpc::Status& status) {
    const unsigned version = exchange->version();
    auto respond = [&](HttpResponse res) {
      CopyServerMetadata(context, res);
      CopyMetadata(context.GetServerTrailingMetadata(), "Grpc-Trailer-", res);
      exchange->Send(std::move(res));
    };
    if (!status.ok()) return respond(CallError(version, status));
    std::string bytes = BufferBytes(response);
    if (IsHttpBody(route->method->output_type())) {
      google::api::HttpBody body;
      if (!body.ParseFromString(bytes)) {
        return respond(
            Error(version, grpc::StatusCode::INTERNAL, "unparsable response"));
      }
      HttpResponse res(http::status::ok, version);
      res.set(http::field::content_type, body.content_type().empty()
                                             ? "application/octet-stream"
                                             : body.content_type());
      res.body() = std::move(*body.mutable_data());
      return respond(std::move(res));
    }
    std::optional<std::string> json = memo->Print(route, pretty, bytes, [&] {
      return PrintResponse(bytes, *route, pretty);
    });
    if (!json) {
      return respond(
          Error(version, grpc::StatusCode::INTERNAL, "response not printable"));
    }
    respond(Json(version, 200, std::move(*json)));
  }
};

// One server-streaming call in flight, relaying each message to the HTTP
// client as soon as it arrives: newline-delimited JSON ({"result":...} per
// message, {"error":...} last on failure), or Server-Sent Events. The next
// message is read only once the previous one has been written to the
// socket, so a slow client slows the server rather than filling memory.
// Errors before the first message are ordinary error responses. Deletes
// itself when the call is done.
class StreamCall final
    : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  StreamCall(Gateway* gateway, const Route* route, bool sse,
             std::shared_ptr<Exchange> exchange)
      : ticket_(gateway),
        route_(route),
        sse_(sse),
        exchange_(std::move(exchange)) {}

  grpc::ClientContext* context() { return &context_; }
  grpc::ByteBuffer* request() { return &request_; }

  // Sends the one request message and starts reading.
  void Start() {
    // Reads are restarted from HTTP write callbacks, outside reactions: the
    // hold keeps the call from finishing until the last one.
    AddHold();
    StartWriteLast(&request_, grpc::WriteOptions());
    StartRead(&response_);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return RemoveHold();  // No more messages; OnDone follows.
    std::optional<google::api::HttpBody> body;
    std::optional<std::string> chunk = Frame(BufferBytes(response_), body);
    if (!chunk) {
      failure_ = grpc::Status(grpc::StatusCode::INTERNAL,
                              "unprintable message in response stream");
      context_.TryCancel();
      return RemoveHold();
    }
    auto next = [this](bool ok) {
      if (!ok) {  // The client has gone: stop the call.
        context_.TryCancel();
        return RemoveHold();
      }
      StartRead(&response_);
    };
    if (started_) return exchange_->Write(std::move(*chunk), next);
    started_ = true;
    HttpResponse head(http::status::ok, exchange_->version());
    head.set(http::field::content_type, ContentType(body));
    CopyServerMetadata(context_, head);
    exchange_->StartStream(std::move(head), [this, chunk = std::move(*chunk),
                                             next](bool ok) mutable {
      if (!ok) return next(false);
      exchange_->Write(std::move(chunk), next);
    });
  }

  void OnDone(const grpc::Status& s) override {
    grpc::Status status = failure_.ok() ? s : failure_;
    std::shared_ptr<Exchange> exchange = std::move(exchange_);
    if (!started_) {
      if (status.ok()) {  // An empty stream.
        HttpResponse head(http::status::ok, exchange->version());
        head.set(http::field::content_type, ContentType(std::nullopt));
        exchange->StartStream(std::move(head), [exchange, sse = sse_](bool) {
          EndStream(exchange, sse);
        });
      } else {
        HttpResponse res = CallError(exchange->version(), status);
        CopyServerMetadata(context_, res);
        exchange->Send(std::move(res));
      }
    } else if (status.ok()) {
      EndStream(exchange, sse_);
    } else {
      std::string body = CallStatusJson(status);  // With its details.
      std::string chunk =
          sse_ ? absl::StrCat("event: error\ndata: ", body, "\n\n")
               : absl::StrCat(R"({"error":)", body, "}\n");
      exchange->Write(std::move(chunk), [exchange](bool) { exchange->End(); });
    }
    delete this;
  }

 private:
  // SSE streams say explicitly that they are complete: an EventSource
  // would otherwise reconnect and replay the stream.
  static void EndStream(const std::shared_ptr<Exchange>& exchange, bool sse) {
    if (!sse) return exchange->End();
    exchange->Write("event: end\ndata: {}\n\n",
                    [exchange](bool) { exchange->End(); });
  }

  // The stream's content type; `first` is its first message if the
  // stream is of HttpBody.
  std::string ContentType(
      const std::optional<google::api::HttpBody>& first) const {
    if (sse_) return "text/event-stream";
    if (!first) return "application/x-ndjson";
    return first->content_type().empty() ? "application/octet-stream"
                                         : first->content_type();
  }

  // One message (wire bytes) as written to the client; an HttpBody is
  // left in `body`. HttpBody streams are raw bytes (NDJSON) or one data
  // field per message (SSE).
  std::optional<std::string> Frame(
      const std::string& bytes,
      std::optional<google::api::HttpBody>& body) const {
    std::string payload;
    if (IsHttpBody(route_->method->output_type())) {
      body.emplace();
      if (!body->ParseFromString(bytes)) return std::nullopt;
      if (!sse_) return body->data();
      payload = body->data();
    } else {
      std::optional<std::string> json =
          PrintResponse(bytes, *route_, /*pretty=*/false);
      if (!json) return std::nullopt;
      payload = std::move(*json);
    }
    if (!sse_) return absl::StrCat(R"({"result":)", payload, "}\n");
    // An SSE data field ends at a line break: one field per line.
    std::string event;
    for (absl::string_view line : absl::StrSplit(payload, '\n')) {
      absl::StrAppend(&event, "data: ", absl::StripSuffix(line, "\r"), "\n");
    }
    return absl::StrCat(event, "\n");
  }

  CallTicket ticket_;  // First: released last.
  const Route* route_;
  const bool sse_;
  std::shared_ptr<Exchange> exchange_;
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  bool started_ = false;  // The HTTP head has been sent.
  grpc::Status failure_;  // A gateway-side failure, overriding the call's.
};

std::string HtmlEscape(absl::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The page at /: what the service is and where to go next, with the
// GeoJSON (and other whole-document) exports linked directly.
std::string LandingPage(const std::vector<Route>& routes,
                        const GatewayOptions& options, bool swagger_ui) {
  std::string exports, all;
  for (const Route& r : routes) {
    std::string path = r.path.ToString();
    std::string row = absl::StrCat(
        "<li><code>", HtmlEscape(r.http_method), " ", HtmlEscape(path),
        "</code> (", HtmlEscape(r.method->full_name()), ")</li>\n");
    absl::StrAppend(&all, row);
    if (r.http_method == "GET" && r.path.variables().empty() &&
        IsHttpBody(r.method->output_type())) {
      absl::StrAppend(&exports, "<li><a href=\"", HtmlEscape(path), "\">",
                      HtmlEscape(path), "</a></li>\n");
    }
  }
  return absl::StrCat(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>",
      HtmlEscape(options.api_title), "</title></head>\n<body>\n<main>\n<h1>",
      HtmlEscape(options.api_title),
      "</h1>\n<p lang=\"zh-TW\">公共工程資訊服務：施工路段、管線挖埋、"
      "執照與工程進度查詢。</p>\n<p>Public works information of the city: road "
      "works, excavation permits, licenses and projects, over gRPC and this "
      "HTTP/JSON front.</p>\n<ul>\n",
      swagger_ui ? "<li><a href=\"/docs/\">API documentation</a> (Swagger "
                   "UI)</li>\n"
                 : "",
      "<li><a href=\"/openapi.json\">OpenAPI 3 description</a></li>\n"
      "<li><a href=\"/healthz\">Health</a></li>\n</ul>\n"
      "<h2>GeoJSON and other exports</h2>\n<ul>\n",
      exports, "</ul>\n<h2>All routes</h2>\n<ul>\n", all,
      "</ul>\n</main>\n</body></html>\n");
}

// GET /healthz: the grpc.health.v1 status of the server behind the front
// (SERVING while its database answers), 200 or 503.
class HealthCall {
 public:
  static void Start(grpc::GenericStub* stub, std::shared_ptr<Exchange> exchange,
                    Gateway* gateway) {
    auto call = std::make_shared<HealthCall>(gateway, std::move(exchange));
    call->context_.set_deadline(std::chrono::system_clock::now() +
                                std::chrono::seconds(2));
    grpc::Slice empty("");  // HealthCheckRequest{service: ""}.
    call->request_ = grpc::ByteBuffer(&empty, 1);
    stub->UnaryCall(&call->context_, "/grpc.health.v1.Health/Check",
                    grpc::StubOptions(), &call->request_, &call->response_,
                    [call](grpc::Status s) { call->Done(s); });
  }
  HealthCall(Gateway* gateway, std::shared_ptr<Exchange> exchange)
      : ticket_(gateway), exchange_(std::move(exchange)) {}

 private:
  void Done(const grpc::Status& s) {
    // HealthCheckResponse { ServingStatus status = 1; } SERVING is 1.
    int status = 0;
    if (s.ok()) {
      std::string bytes = BufferBytes(response_);
      google::protobuf::io::CodedInputStream in(
          reinterpret_cast<const uint8_t*>(bytes.data()),
          static_cast<int>(bytes.size()));
      while (uint32_t tag = in.ReadTag()) {
        uint32_t v;
        if (tag == 8 && in.ReadVarint32(&v)) {
          status = static_cast<int>(v);
        } else if (!google::protobuf::internal::WireFormatLite::SkipField(
                       &in, tag)) {
          break;
        }
      }
    }
    bool serving = status == 1;
    HttpResponse res = Json(
        exchange_->version(), serving ? 200 : 503,
        serving ? R"({"status":"SERVING"})" : R"({"status":"NOT_SERVING"})");
    res.set(http::field::cache_control, "no-store");
    exchange_->Send(std::move(res));
  }
  CallTicket ticket_;
  std::shared_ptr<Exchange> exchange_;
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
};

}  // namespace

Gateway::Gateway(Router router, ApiDocs docs,
                 std::shared_ptr<grpc::Channel> channel, GatewayOptions options)
    : router_(std::move(router)),
      docs_(std::move(docs)),
      stub_(std::move(channel)),
      options_(options),
      json_memo_(options_.json_memo_bytes) {}

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services,
    std::shared_ptr<grpc::Channel> channel, GatewayOptions options) {
  UseDeterministicSerialization();  // Stable JSON, stable ETags.
  absl::StatusOr<std::vector<Route>> routes = LoadRoutes(services);
  if (!routes.ok()) return routes.status();
  absl::StatusOr<Router> router = Router::Build(std::move(*routes));
  if (!router.ok()) return router.status();
  absl::StatusOr<ApiDocs> docs = ApiDocs::Create(
      OpenApiJson(router->routes(),
                  {options.api_title, options.api_version,
                   "The JSON face of the pwis gRPC services, generated from "
                   "their google.api.http rules. Errors are google.rpc.Status "
                   "JSON. Unknown query parameters are rejected (400)."},
                  ProtoComments::Parse(options.descriptor_set)),
      options.swagger_ui_dir,
      LandingPage(router->routes(), options, !options.swagger_ui_dir.empty()),
      options.widget_dir);
  if (!docs.ok()) return docs.status();
  return std::unique_ptr<Gateway>(new Gateway(
      std::move(*router), std::move(*docs), std::move(channel), options));
}

bool Gateway::WaitIdle(absl::Duration timeout) {
  absl::MutexLock l(&mu_);
  return mu_.AwaitWithTimeout(absl::Condition(this, &Gateway::Idle), timeout);
}

Gateway::~Gateway() { WaitIdle(absl::Seconds(60)); }

absl::StatusOr<std::unique_ptr<HttpServer>> Gateway::Serve(
    const HttpServerOptions& options) {
  return HttpServer::Start(
      options, [this](HttpRequest req, std::shared_ptr<HttpResponder> r) {
        Handle(std::move(req), std::move(r));
      });
}

void Gateway::Handle(HttpRequest req,
                     std::shared_ptr<HttpResponder> responder) {
  auto exchange =
      std::make_shared<Exchange>(req, std::move(responder), &options_);
  const unsigned version = req.version();
  auto finish = [&](HttpResponse res) { exchange->Send(std::move(res)); };

  absl::string_view target(req.target().data(), req.target().size());
  size_t q = target.find('?');
  std::string path(target.substr(0, q));
  absl::string_view query =
      q == absl::string_view::npos ? "" : target.substr(q + 1);
  // CORS preflight: answered for any route that exists for the method the
  // browser asks about.
  const std::string& origin = exchange->origin();
  std::string preflight_method =
      Exchange::Header(req, "access-control-request-method");
  if (req.method() == http::verb::options && !origin.empty() &&
      !preflight_method.empty() &&
      router_.Find(preflight_method, path).route != nullptr) {
    return finish(PreflightResponse(
        options_.web, version, origin, preflight_method,
        Exchange::Header(req, "access-control-request-headers")));
  }
  if (path == "/healthz" &&
      (req.method() == http::verb::get || req.method() == http::verb::head)) {
    return HealthCall::Start(&stub_, exchange, this);
  }
  if (std::optional<HttpResponse> doc = docs_.Answer(
          req.method() == http::verb::head ? "GET"
                                           : std::string(req.method_string()),
          path, version, exchange->accept_encoding(),
          exchange->if_none_match())) {
    return finish(std::move(*doc));
  }
  Router::Result found = router_.Find(std::string(req.method_string()), path);
  if (found.route == nullptr && req.method() == http::verb::head) {
    // HEAD of a unary GET: the GET's answer without its body.
    Router::Result get = router_.Find("GET", path);
    if (get.route != nullptr && !get.route->method->server_streaming()) {
      found = std::move(get);
    }
  }
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
  // The body first: the path's values must then agree with anything it
  // set (BindPathAndQuery).
  absl::Status bound;
  if (!route->body.empty() && !req.body().empty()) {
    std::string type = Exchange::Header(req, "content-type");
    if (!IsJsonMediaType(type)) {
      return finish(
          Json(version, 415,
               StatusJson(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("request body of type '", type,
                                       "' not supported: send application/json "
                                       "(UTF-8)"))));
    }
    bound = BindBody(message.get(), route->body, req.body());
  }
  if (bound.ok()) {
    bound = BindPathAndQuery(message.get(), found.bindings, *params,
                             ReservedParams(), route->body);
  }
  if (!bound.ok()) {
    google::rpc::Status details = DetailsOf(bound);
    return finish(Error(version, grpc::StatusCode::INVALID_ARGUMENT,
                        std::string(bound.message()), &details));
  }

  // Metadata and deadline, common to unary and streaming calls.
  absl::StatusOr<CallHeaders> headers = ReadCallHeaders(
      req, std::chrono::seconds(options_.default_timeout_seconds));
  if (!headers.ok()) {
    return finish(Error(version, grpc::StatusCode::INVALID_ARGUMENT,
                        std::string(headers.status().message())));
  }
  std::vector<std::pair<std::string, std::string>>& metadata =
      headers->metadata;
  const std::chrono::nanoseconds timeout = headers->timeout;
  metadata.emplace_back("x-request-id", exchange->request_id());
  // Who is calling, for per-client limits (the in-process channel's own
  // peer is this process): the socket's peer, or behind our own proxies
  // the client they report.
  if (std::string peer = exchange->peer(); !peer.empty()) {
    if (!options_.trusted_proxies.empty()) {
      std::string forwarded;
      for (const auto& h : req) {
        if (absl::EqualsIgnoreCase(absl::string_view(h.name_string().data(),
                                                     h.name_string().size()),
                                   "x-forwarded-for")) {
          absl::StrAppend(
              &forwarded, forwarded.empty() ? "" : ",",
              absl::string_view(h.value().data(), h.value().size()));
        }
      }
      peer = options_.trusted_proxies.ClientBehind(peer, forwarded);
    }
    metadata.emplace_back("pwis-client-address", std::move(peer));
  }
  // The request's absolute URL, for services that write links to
  // themselves (a GeoJSON page's "next"); only when Host is plain.
  std::string host = Exchange::Header(req, "host");
  if (!host.empty() && host.size() <= 255 &&
      std::all_of(host.begin(), host.end(),
                  [](char c) {
                    return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                           c == '.' || c == '-' || c == ':' || c == '[' ||
                           c == ']';
                  }) &&
      PrintableAscii(target)) {
    std::string proto =
        absl::AsciiStrToLower(Exchange::Header(req, "x-forwarded-proto"));
    metadata.emplace_back(
        "pwis-request-url",
        absl::StrCat(proto == "https" ? "https" : "http", "://", host, target));
  }
  auto prepare = [&](grpc::ClientContext* context, grpc::ByteBuffer* request) {
    for (const auto& [k, v] : metadata) context->AddMetadata(k, v);
    context->set_deadline(
        std::chrono::system_clock::now() +
        std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    std::string wire;
    message->SerializeToString(&wire);
    grpc::Slice slice(wire);
    *request = grpc::ByteBuffer(&slice, 1);
  };
  const auto* method = route->method;

  if (method->server_streaming()) {
    bool sse =
        absl::StrContains(Exchange::Header(req, "accept"), "text/event-stream");
    auto* call = new StreamCall(this, route, sse, exchange);
    prepare(call->context(), call->request());
    stub_.PrepareBidiStreamingCall(call->context(), route->grpc_method,
                                   grpc::StubOptions(), call);
    call->Start();
    return;
  }
  auto call = std::make_shared<UnaryCall>(this, &json_memo_);
  call->route = route;
  call->pretty = pretty;
  call->exchange = exchange;
  prepare(&call->context, &call->request);
  stub_.UnaryCall(&call->context, route->grpc_method, grpc::StubOptions(),
                  &call->request, &call->response,
                  [call](grpc::Status status) { call->Done(status); });
}

}  // namespace pwis::gateway
