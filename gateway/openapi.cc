#include "gateway/openapi.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gateway/field_behavior.h"

namespace pwis::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

Value Str(const std::string& s) {
  Value v;
  v.set_string_value(s);
  return v;
}
Value Bool(bool b) {
  Value v;
  v.set_bool_value(b);
  return v;
}
Value Obj(std::initializer_list<std::pair<const std::string, Value>> fields) {
  Value v;
  auto* f = v.mutable_struct_value()->mutable_fields();
  for (const auto& [k, x] : fields) (*f)[k] = x;
  return v;
}
Value List(std::vector<Value> items) {
  Value v;
  for (auto& x : items) *v.mutable_list_value()->add_values() = std::move(x);
  return v;
}
bool Has(const Value& object, const std::string& key) {
  return object.has_struct_value() &&
         object.struct_value().fields().count(key) > 0;
}
Value& At(Value& object, const std::string& key) {
  return (*object.mutable_struct_value()->mutable_fields())[key];
}
Value Ref(const std::string& pointer) { return Obj({{"$ref", Str(pointer)}}); }
Value SchemaRef(const std::string& name) {
  return Ref(absl::StrCat("#/components/schemas/", name));
}
Value Typed(const std::string& type, const std::string& format = "") {
  Value v = Obj({{"type", Str(type)}});
  if (!format.empty()) At(v, "format") = Str(format);
  return v;
}

const char kStatusSchema[] = "google.rpc.Status";

// Collects component schemas as messages and enums are referenced.
class SchemaSet {
 public:
  explicit SchemaSet(const ProtoComments& comments) : comments_(comments) {}

  const ProtoComments& comments() const { return comments_; }

  // `schema` with a description; a $ref cannot carry siblings in OpenAPI
  // 3.0, so it is wrapped in allOf.
  static Value Described(Value schema, const std::string& text) {
    if (text.empty()) return schema;
    if (Has(schema, "$ref")) {
      schema = Obj({{"allOf", List({schema})}});
    }
    At(schema, "description") = Str(text);
    return schema;
  }

  // The schema of a well-known type's JSON form; null Value if `d` is not
  // one.
  static std::optional<Value> WellKnown(const Descriptor* d) {
    const std::string& n = d->full_name();
    if (n == "google.protobuf.Timestamp") return Typed("string", "date-time");
    if (n == "google.protobuf.Duration") {
      Value v = Typed("string");
      At(v, "description") = Str("seconds with an 's' suffix, e.g. \"1.5s\"");
      return v;
    }
    if (n == "google.protobuf.FieldMask") {
      Value v = Typed("string");
      At(v, "description") = Str("comma-separated lowerCamel field paths");
      return v;
    }
    if (n == "google.protobuf.Struct") {
      Value v = Typed("object");
      At(v, "additionalProperties") = Bool(true);
      return v;
    }
    if (n == "google.protobuf.Value") {
      return Obj({{"description", Str("any JSON value")}});
    }
    if (n == "google.protobuf.ListValue") {
      Value v = Typed("array");
      At(v, "items") = Obj({});
      return v;
    }
    if (n == "google.protobuf.Empty") return Typed("object");
    if (n == "google.protobuf.Any") {
      Value v = Typed("object");
      At(v, "properties") = Obj({{"@type", Typed("string")}});
      At(v, "additionalProperties") = Bool(true);
      return v;
    }
    static const std::map<std::string, std::pair<std::string, std::string>>
        kWrappers = {
            {"google.protobuf.DoubleValue", {"number", "double"}},
            {"google.protobuf.FloatValue", {"number", "float"}},
            {"google.protobuf.Int64Value", {"string", "int64"}},
            {"google.protobuf.UInt64Value", {"string", "uint64"}},
            {"google.protobuf.Int32Value", {"integer", "int32"}},
            {"google.protobuf.UInt32Value", {"integer", "int64"}},
            {"google.protobuf.BoolValue", {"boolean", ""}},
            {"google.protobuf.StringValue", {"string", ""}},
            {"google.protobuf.BytesValue", {"string", "byte"}},
        };
    auto it = kWrappers.find(n);
    if (it != kWrappers.end()) {
      Value v = Typed(it->second.first, it->second.second);
      At(v, "nullable") = Bool(true);
      return v;
    }
    return std::nullopt;
  }

  // A reference to (or the inline form of) the schema of message `d`.
  Value Message(const Descriptor* d) {
    if (auto wk = WellKnown(d)) return *wk;
    const std::string& name = d->full_name();
    if (!schemas_.count(name)) {
      schemas_[name] = Value();  // Placed first: recursion refers to it.
      schemas_[name] = MessageSchema(d, {});
    }
    return SchemaRef(name);
  }

  // The object schema of `d` without the top-level fields in `omit`.
  Value MessageSchema(const Descriptor* d, const std::set<std::string>& omit) {
    Value v = Typed("object");
    std::string about = comments_.Of(d->full_name());
    if (!about.empty()) At(v, "description") = Str(about);
    Value props = Obj({});
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (omit.count(f->name())) continue;
      At(props, f->json_name()) =
          Described(Field(f), comments_.Of(f->full_name()));
    }
    At(v, "properties") = props;
    return v;
  }

  Value Field(const FieldDescriptor* f) {
    if (f->is_map()) {
      Value v = Typed("object");
      At(v, "additionalProperties") = Single(f->message_type()->map_value());
      return v;
    }
    Value one = Single(f);
    if (!f->is_repeated()) return one;
    Value v = Typed("array");
    At(v, "items") = one;
    return v;
  }

  // The schema of one value of `f` (ignoring repetition).
  Value Single(const FieldDescriptor* f) {
    switch (f->type()) {
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
        return Typed("integer", "int32");
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32: {
        Value v = Typed("integer", "int64");
        At(v, "minimum").set_number_value(0);
        return v;
      }
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
        return Typed("string", "int64");
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        return Typed("string", "uint64");
      case FieldDescriptor::TYPE_FLOAT:
        return Typed("number", "float");
      case FieldDescriptor::TYPE_DOUBLE:
        return Typed("number", "double");
      case FieldDescriptor::TYPE_BOOL:
        return Typed("boolean");
      case FieldDescriptor::TYPE_STRING:
        return Typed("string");
      case FieldDescriptor::TYPE_BYTES:
        return Typed("string", "byte");
      case FieldDescriptor::TYPE_ENUM:
        return Enum(f->enum_type());
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        return Message(f->message_type());
    }
    return Obj({});
  }

  Value Enum(const EnumDescriptor* e) {
    const std::string& name = e->full_name();
    if (!schemas_.count(name)) {
      std::vector<Value> names;
      for (int i = 0; i < e->value_count(); ++i) {
        names.push_back(Str(e->value(i)->name()));
      }
      Value v = Typed("string");
      At(v, "enum") = List(std::move(names));
      std::string about = comments_.Of(name);
      if (!about.empty()) about += "\n\n";
      for (int i = 0; i < e->value_count(); ++i) {
        // Value comments are keyed under their enum (see ProtoComments).
        std::string value =
            comments_.Of(absl::StrCat(name, ".", e->value(i)->name()));
        if (!value.empty()) {
          absl::StrAppend(&about, "- ", e->value(i)->name(), ": ", value, "\n");
        }
      }
      absl::StrAppend(&about,
                      "By name; numbers are accepted on input as well.");
      At(v, "description") = Str(about);
      schemas_[name] = v;
    }
    return SchemaRef(name);
  }

  void Add(const std::string& name, Value schema) { schemas_[name] = schema; }

  Value ToValue() const {
    Value v = Obj({});
    for (const auto& [k, s] : schemas_) At(v, k) = s;
    return v;
  }

 private:
  const ProtoComments& comments_;
  std::map<std::string, Value> schemas_;
};

// Whether a query parameter can set a field of this message type as one
// value (a well-known type with a string form).
bool ScalarMessage(const Descriptor* d) {
  const std::string& n = d->full_name();
  return n == "google.protobuf.Timestamp" || n == "google.protobuf.Duration" ||
         n == "google.protobuf.FieldMask" ||
         (SchemaSet::WellKnown(d).has_value() && absl::EndsWith(n, "Value") &&
          n != "google.protobuf.Value" && n != "google.protobuf.ListValue");
}

// Adds a query parameter for every leaf field under `d`.
void AddQueryParams(const Descriptor* d, const std::string& proto_prefix,
                    const std::string& json_prefix,
                    const std::set<std::string>& bound,
                    std::vector<const Descriptor*>& stack, SchemaSet& schemas,
                    std::vector<Value>& params) {
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    std::string proto_path = absl::StrCat(proto_prefix, f->name());
    std::string json_path = absl::StrCat(json_prefix, f->json_name());
    if (bound.count(proto_path) || f->is_map()) continue;
    if (f->type() == FieldDescriptor::TYPE_MESSAGE &&
        !ScalarMessage(f->message_type())) {
      if (f->is_repeated()) continue;  // Not settable from a query.
      const Descriptor* m = f->message_type();
      if (SchemaSet::WellKnown(m)) continue;  // Struct, Value, ...
      if (std::find(stack.begin(), stack.end(), m) != stack.end()) continue;
      stack.push_back(m);
      AddQueryParams(m, proto_path + ".", json_path + ".", bound, stack,
                     schemas, params);
      stack.pop_back();
      continue;
    }
    Value p = Obj({{"name", Str(json_path)}, {"in", Str("query")}});
    // (google.api.field_behavior) = REQUIRED on a top-level field: the
    // server refuses the request without it.
    if (proto_prefix.empty() && IsRequiredField(f))
      At(p, "required") = Bool(true);
    At(p, "schema") = schemas.Field(f);
    std::string about = schemas.comments().Of(f->full_name());
    if (f->is_repeated()) {
      At(p, "style") = Str("form");
      At(p, "explode") = Bool(true);
      absl::StrAppend(&about, about.empty() ? "" : "\n",
                      "Repeat the parameter for each value.");
    }
    if (!about.empty()) At(p, "description") = Str(about);
    if (json_path != proto_path) {
      At(p, "x-proto-name") = Str(proto_path);  // Accepted as well.
    }
    params.push_back(p);
  }
}

const FieldDescriptor* FieldByPath(const Descriptor* d,
                                   const std::string& dotted) {
  const FieldDescriptor* f = nullptr;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (d == nullptr) return nullptr;
    f = d->FindFieldByName(std::string(part));
    if (f == nullptr) return nullptr;
    d = f->message_type();
  }
  return f;
}

Value ErrorResponseRef() { return Ref("#/components/responses/Error"); }

Value Operation(const Route& r, int binding, SchemaSet& schemas) {
  const auto* m = r.method;
  Value op = Obj({});
  At(op, "operationId") =
      Str(absl::StrCat(m->service()->name(), "_", m->name(),
                       binding == 0 ? "" : absl::StrCat("_", binding)));
  At(op, "tags") = List({Str(m->service()->name())});
  std::string about = schemas.comments().Of(m->full_name());
  if (!about.empty()) {
    // The first sentence, across line breaks.
    std::string flat = absl::StrReplaceAll(about, {{"\n", " "}});
    size_t end = flat.find(". ");
    if (end == std::string::npos && !flat.empty() && flat.back() == '.') {
      end = flat.size() - 1;
    }
    At(op, "summary") = Str(flat.substr(0, end));
    At(op, "description") = Str(about);
  }
  At(op, "x-grpc-method") = Str(r.grpc_method);

  std::vector<Value> params;
  std::set<std::string> bound;
  for (const auto& v : r.path.variables()) {
    bound.insert(v.field_path);
    Value p = Obj({{"name", Str(v.field_path)},
                   {"in", Str("path")},
                   {"required", Bool(true)}});
    const FieldDescriptor* f = FieldByPath(m->input_type(), v.field_path);
    At(p, "schema") = f != nullptr ? schemas.Single(f) : Typed("string");
    if (f != nullptr && !schemas.comments().Of(f->full_name()).empty()) {
      At(p, "description") = Str(schemas.comments().Of(f->full_name()));
    }
    if (v.end - v.begin > 1 ||
        r.path.segments()[v.begin].kind == PathTemplate::SegmentKind::kMulti) {
      At(p, "x-multi-segment") = Bool(true);
      At(p, "description") = Str("may span several path segments ('/')");
    }
    params.push_back(p);
  }
  if (r.body != "*") {
    std::set<std::string> excluded = bound;
    if (!r.body.empty()) excluded.insert(r.body);
    std::vector<const Descriptor*> stack = {m->input_type()};
    AddQueryParams(m->input_type(), "", "", excluded, stack, schemas, params);
  }
  if (!params.empty()) At(op, "parameters") = List(std::move(params));

  if (!r.body.empty()) {
    Value schema;
    if (r.body == "*") {
      std::set<std::string> top;  // Top-level fields bound by the path.
      for (const auto& b : bound) {
        if (b.find('.') == std::string::npos) top.insert(b);
      }
      schema = top.empty() ? schemas.Message(m->input_type())
                           : schemas.MessageSchema(m->input_type(), top);
    } else {
      schema = schemas.Field(m->input_type()->FindFieldByName(r.body));
    }
    At(op, "requestBody") = Obj(
        {{"required", Bool(true)},
         {"content", Obj({{"application/json", Obj({{"schema", schema}})}})}});
  }

  Value ok = Obj({});
  const Descriptor* out = m->output_type();
  const bool http_body = out->full_name() == "google.api.HttpBody";
  Value shown;
  if (!r.response_body.empty()) {
    shown = schemas.Field(out->FindFieldByName(r.response_body));
  } else if (!http_body) {
    shown = schemas.Message(out);
  }
  if (m->server_streaming()) {
    At(ok, "description") =
        Str("A stream, one message at a time. Newline-delimited JSON by "
            "default: {\"result\": message} per line, {\"error\": Status} last "
            "if the stream fails. Server-Sent Events with Accept: "
            "text/event-stream: one data event per message, then an \"end\" "
            "event (or an \"error\" event carrying a Status).");
    Value line = Typed("object");
    At(line, "properties") =
        Obj({{"result", http_body ? Typed("string") : shown},
             {"error", SchemaRef(kStatusSchema)}});
    At(ok, "content") =
        Obj({{"application/x-ndjson", Obj({{"schema", line}})},
             {"text/event-stream", Obj({{"schema", Typed("string")}})}});
  } else if (http_body) {
    At(ok, "description") =
        Str("The body as the service produced it, with its content type.");
    At(ok, "content") =
        Obj({{"*/*", Obj({{"schema", Typed("string", "binary")}})}});
  } else {
    At(ok, "description") = Str("OK");
    At(ok, "content") = Obj({{"application/json", Obj({{"schema", shown}})}});
  }
  At(op, "responses") = Obj({{"200", ok},
                             {"400", ErrorResponseRef()},
                             {"404", ErrorResponseRef()},
                             {"503", ErrorResponseRef()},
                             {"504", ErrorResponseRef()},
                             {"default", ErrorResponseRef()}});
  return op;
}

}  // namespace

std::string OpenApiPath(const PathTemplate& path) {
  std::string out;
  const auto& segs = path.segments();
  const auto& vars = path.variables();
  size_t v = 0;
  int wildcards = 0;
  for (int i = 0; i < static_cast<int>(segs.size()); ++i) {
    out += "/";
    if (v < vars.size() && vars[v].begin == i) {
      absl::StrAppend(&out, "{", vars[v].field_path, "}");
      i = vars[v].end - 1;
      ++v;
    } else if (segs[i].kind == PathTemplate::SegmentKind::kLiteral) {
      out += segs[i].literal;
    } else {
      // A wildcard outside a variable binds nothing; OpenAPI still needs a
      // parameter name for it.
      absl::StrAppend(&out, "{_wildcard", ++wildcards, "}");
    }
  }
  if (!path.verb().empty()) absl::StrAppend(&out, ":", path.verb());
  return out;
}

std::string OpenApiJson(const std::vector<Route>& routes,
                        const OpenApiInfo& info,
                        const ProtoComments& comments) {
  static const std::set<std::string> kMethods = {
      "get", "put", "post", "delete", "patch", "head", "options", "trace"};
  SchemaSet schemas(comments);
  std::set<const google::protobuf::ServiceDescriptor*> services;
  for (const Route& r : routes) services.insert(r.method->service());
  Value paths = Obj({});
  std::map<const google::protobuf::MethodDescriptor*, int> bindings;
  for (const Route& r : routes) {
    std::string method = absl::AsciiStrToLower(r.http_method);
    Value op = Operation(r, bindings[r.method]++, schemas);
    Value& item = At(paths, OpenApiPath(r.path));
    if (!item.has_struct_value()) item = Obj({});
    if (kMethods.count(method)) {
      At(item, method) = op;
    } else {
      // OpenAPI 3.0 has no custom methods; keep them visible.
      At(op, "x-http-method") = Str(r.http_method);
      At(item, absl::StrCat("x-", method)) = op;
    }
  }
  Value detail = Typed("object");
  At(detail, "properties") = Obj({{"@type", Typed("string")}});
  At(detail, "additionalProperties") = Bool(true);
  Value details = Typed("array");
  At(details, "items") = detail;
  Value status = Typed("object");
  At(status, "description") =
      Str("google.rpc.Status: the body of every error response");
  At(status, "properties") = Obj({{"code", Typed("integer", "int32")},
                                  {"message", Typed("string")},
                                  {"details", details}});
  schemas.Add(kStatusSchema, status);

  Value doc = Obj({{"openapi", Str("3.0.3")}});
  At(doc, "info") = Obj({{"title", Str(info.title)},
                         {"version", Str(info.version)},
                         {"description", Str(info.description)}});
  At(doc, "paths") = paths;
  std::vector<Value> tags;
  for (const auto* service : services) {
    Value tag = Obj({{"name", Str(service->name())}});
    std::string about = comments.Of(service->full_name());
    if (!about.empty()) At(tag, "description") = Str(about);
    tags.push_back(tag);
  }
  At(doc, "tags") = List(std::move(tags));
  At(doc, "components") =
      Obj({{"schemas", schemas.ToValue()},
           {"responses",
            Obj({{"Error",
                  Obj({{"description",
                        Str("An error: the gRPC status as google.rpc.Status "
                            "JSON; the HTTP status follows the gRPC code.")},
                       {"content",
                        Obj({{"application/json",
                              Obj({{"schema",
                                    SchemaRef(kStatusSchema)}})}})}})}})}});
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(doc.struct_value(), &json,
                                                    options);
  return json;
}

}  // namespace pwis::gateway
