#include "gateway/request_binding.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <cmath>
#include <limits>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/http_status.h"
#include "gateway/text_forms.h"

namespace pwis::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Parameter names come from the client: shown in their display form, so
// that error bodies and logs stay valid UTF-8.
absl::Status Bad(absl::string_view param, absl::string_view why) {
  std::string name = DisplayForm(param);
  absl::Status s = absl::InvalidArgumentError(absl::StrCat(name, ": ", why));
  AddFieldViolations(s, {{name, std::string(why)}});
  return s;
}

const FieldDescriptor* FindField(const Descriptor* d, absl::string_view name) {
  std::string n(name);
  if (const FieldDescriptor* f = d->FindFieldByName(n)) return f;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->json_name() == n) return d->field(i);
  }
  return nullptr;
}

bool ParseBool(absl::string_view t, bool* out) {
  if (t == "true" || t == "1") return *out = true, true;
  if (t == "false" || t == "0") return *out = false, true;
  return false;
}

// JSON-style names for floats: "NaN", "Infinity", "-Infinity".
bool ParseDouble(absl::string_view t, double* out) {
  if (t == "NaN") return *out = std::numeric_limits<double>::quiet_NaN(), true;
  if (t == "Infinity")
    return *out = std::numeric_limits<double>::infinity(), true;
  if (t == "-Infinity")
    return *out = -std::numeric_limits<double>::infinity(), true;
  return ParseDecimal(t, out);
}

// A decimal integer in the range of T.
template <typename T>
bool ParseInteger(absl::string_view t, T* out) {
  return IsDecimalInteger(t) && absl::SimpleAtoi(t, out);
}

absl::Status SetWellKnown(Message* m, absl::string_view text,
                          absl::string_view param) {
  const std::string& type = m->GetDescriptor()->full_name();
  // Parsed here, not by protobuf's TimeUtil: it aborts the process on
  // values outside the types' ranges.
  if (type == "google.protobuf.Timestamp") {
    int64_t seconds;
    int32_t nanos;
    switch (ParseTimestampText(text, &seconds, &nanos)) {
      case TimeTextError::kNone:
        break;
      case TimeTextError::kSyntax:
        return Bad(param,
                   "expected an RFC 3339 timestamp such as "
                   "2026-03-10T10:00:00+08:00");
      case TimeTextError::kRange:
        return Bad(param,
                   "out of range: a timestamp must lie between "
                   "0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z");
    }
    auto* ts = static_cast<google::protobuf::Timestamp*>(m);
    ts->set_seconds(seconds);
    ts->set_nanos(nanos);
    return absl::OkStatus();
  }
  if (type == "google.protobuf.Duration") {
    int64_t seconds;
    int32_t nanos;
    switch (ParseDurationText(text, &seconds, &nanos)) {
      case TimeTextError::kNone:
        break;
      case TimeTextError::kSyntax:
        return Bad(param, "expected a duration such as 1.5s");
      case TimeTextError::kRange:
        return Bad(param,
                   "out of range: a duration must lie within "
                   "\u00b1315576000000s");
    }
    auto* d = static_cast<google::protobuf::Duration*>(m);
    d->set_seconds(seconds);
    d->set_nanos(nanos);
    return absl::OkStatus();
  }
  if (type == "google.protobuf.FieldMask") {
    auto* mask = static_cast<google::protobuf::FieldMask*>(m);
    for (absl::string_view p : absl::StrSplit(text, ',', absl::SkipEmpty())) {
      // JSON form is lowerCamel ("camelCaseName"); paths are snake_case.
      std::string snake;
      for (char c : p) {
        if (absl::ascii_isupper(c)) {
          snake += '_';
          snake += absl::ascii_tolower(c);
        } else {
          snake += c;
        }
      }
      mask->add_paths(snake);
    }
    return absl::OkStatus();
  }
  // Wrappers: google.protobuf.XxxValue { value = 1; }.
  if (absl::StartsWith(type, "google.protobuf.") &&
      absl::EndsWith(type, "Value") && m->GetDescriptor()->field_count() == 1 &&
      m->GetDescriptor()->field(0)->name() == "value" &&
      type != "google.protobuf.Value") {
    return SetFieldFromText(m, "value", text, param);
  }
  return Bad(param,
             absl::StrCat("a ", type, " cannot be set from a query parameter"));
}

absl::Status SetLeaf(Message* m, const FieldDescriptor* f, absl::string_view t,
                     absl::string_view param) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  if (!rep && f->containing_oneof() != nullptr) {
    const FieldDescriptor* set =
        r->GetOneofFieldDescriptor(*m, f->containing_oneof());
    if (set != nullptr && set != f) {
      return Bad(param, absl::StrCat("conflicts with '", set->name(),
                                     "' (same oneof)"));
    }
  }
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string v(t);
      if (f->type() == FieldDescriptor::TYPE_STRING) {
        if (!IsValidUtf8(t)) return Bad(param, "not valid UTF-8");
        // libpq ends a text at NUL: a filter would be silently cut short.
        if (t.find('\0') != absl::string_view::npos) {
          return Bad(param, "must not contain NUL (U+0000) characters");
        }
      }
      if (f->type() == FieldDescriptor::TYPE_BYTES) {
        if (!absl::Base64Unescape(t, &v) &&
            !absl::WebSafeBase64Unescape(t, &v)) {
          return Bad(param, "expected base64");
        }
      }
      rep ? r->AddString(m, f, v) : r->SetString(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!ParseInteger(t, &v)) return Bad(param, "expected a 32-bit integer");
      rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!ParseInteger(t, &v)) return Bad(param, "expected a 64-bit integer");
      rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!ParseInteger(t, &v))
        return Bad(param, "expected an unsigned 32-bit integer");
      rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!ParseInteger(t, &v))
        return Bad(param, "expected an unsigned 64-bit integer");
      rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!ParseDouble(t, &v)) {
        return Bad(param, "expected a decimal number (no hex, in range)");
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        if (std::isfinite(v) &&
            std::fabs(v) > std::numeric_limits<float>::max()) {
          return Bad(param, "out of range for a float");
        }
        rep ? r->AddFloat(m, f, static_cast<float>(v))
            : r->SetFloat(m, f, static_cast<float>(v));
      } else {
        rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (!ParseBool(t, &v)) return Bad(param, "expected true or false");
      rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      int number;
      if (const auto* v = f->enum_type()->FindValueByName(std::string(t))) {
        number = v->number();
      } else if (!ParseInteger(t, &number) ||
                 f->enum_type()->FindValueByNumber(number) == nullptr) {
        return Bad(param, absl::StrCat("unknown value '", DisplayForm(t),
                                       "' of ", f->enum_type()->full_name()));
      }
      rep ? r->AddEnumValue(m, f, number) : r->SetEnumValue(m, f, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* sub = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      absl::Status s = SetWellKnown(sub, t, param);
      if (!s.ok() && rep) r->RemoveLast(m, f);
      return s;
    }
  }
  return Bad(param, "unsupported field type");
}

// The field a dotted path names, with `*target` set to the message holding
// it (sub-messages created on the way when `create`).
absl::StatusOr<const FieldDescriptor*> Resolve(Message* message,
                                               absl::string_view path,
                                               absl::string_view param,
                                               Message** target) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  Message* m = message;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = FindField(m->GetDescriptor(), parts[i]);
    if (f == nullptr) return Bad(param, "no such field");
    if (i + 1 == parts.size()) {
      *target = m;
      return f;
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated() ||
        f->message_type()->full_name().rfind("google.protobuf.", 0) == 0) {
      return Bad(param,
                 absl::StrCat("'", parts[i], "' has no fields to select"));
    }
    m = m->GetReflection()->MutableMessage(m, f);
  }
  return Bad(param, "empty field path");
}

// The canonical (proto-name) path of a dotted path, for comparing paths
// written with JSON names against path bindings.
std::string CanonicalPath(const Descriptor* d, absl::string_view path) {
  std::string out;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    const FieldDescriptor* f = d == nullptr ? nullptr : FindField(d, part);
    if (!out.empty()) out += '.';
    if (f == nullptr) {
      absl::StrAppend(&out, part);
      d = nullptr;
      continue;
    }
    out += f->name();
    d = f->message_type();
  }
  return out;
}

}  // namespace

absl::StatusOr<QueryParams> ParseQueryString(absl::string_view query) {
  QueryParams out;
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    size_t eq = pair.find('=');
    absl::string_view name = pair.substr(0, eq);
    absl::string_view value =
        eq == absl::string_view::npos ? "" : pair.substr(eq + 1);
    auto decode = [](absl::string_view s) {
      std::string plus(s);
      for (char& c : plus) {
        if (c == '+') c = ' ';
      }
      return PercentDecode(plus, false);
    };
    std::optional<std::string> n = decode(name), v = decode(value);
    if (!n || !v) {
      absl::Status s = absl::InvalidArgumentError(
          absl::StrCat("malformed percent-escape in query parameter '",
                       DisplayForm(name), "'"));
      AddFieldViolations(s, {{DisplayForm(name), "malformed percent-escape"}});
      return s;
    }
    out.emplace_back(std::move(*n), std::move(*v));
  }
  return out;
}

absl::Status SetFieldFromText(Message* message, absl::string_view path,
                              absl::string_view text, absl::string_view param) {
  Message* target = nullptr;
  absl::StatusOr<const FieldDescriptor*> f =
      Resolve(message, path, param, &target);
  if (!f.ok()) return f.status();
  return SetLeaf(target, *f, text, param);
}

namespace {

// The singular field `f` holds the same value in `a` and `b`.
bool SameField(const Message& a, const Message& b, const FieldDescriptor* f) {
  const google::protobuf::Reflection* ra = a.GetReflection();
  const google::protobuf::Reflection* rb = b.GetReflection();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return ra->GetString(a, f) == rb->GetString(b, f);
    case FieldDescriptor::CPPTYPE_INT32:
      return ra->GetInt32(a, f) == rb->GetInt32(b, f);
    case FieldDescriptor::CPPTYPE_INT64:
      return ra->GetInt64(a, f) == rb->GetInt64(b, f);
    case FieldDescriptor::CPPTYPE_UINT32:
      return ra->GetUInt32(a, f) == rb->GetUInt32(b, f);
    case FieldDescriptor::CPPTYPE_UINT64:
      return ra->GetUInt64(a, f) == rb->GetUInt64(b, f);
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return ra->GetDouble(a, f) == rb->GetDouble(b, f);
    case FieldDescriptor::CPPTYPE_FLOAT:
      return ra->GetFloat(a, f) == rb->GetFloat(b, f);
    case FieldDescriptor::CPPTYPE_BOOL:
      return ra->GetBool(a, f) == rb->GetBool(b, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return ra->GetEnumValue(a, f) == rb->GetEnumValue(b, f);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return ra->GetMessage(a, f).SerializeAsString() ==
             rb->GetMessage(b, f).SerializeAsString();
  }
  return false;
}

}  // namespace

absl::Status BindPathAndQuery(
    google::protobuf::Message* message,
    const std::vector<PathTemplate::Binding>& path_bindings,
    const QueryParams& query, const std::set<std::string>& reserved,
    absl::string_view body) {
  std::set<std::string> bound;
  for (const auto& b : path_bindings) {
    // A body that names a path field differently is a conflicting request,
    // not one to settle quietly for the path (a write would land on
    // another record than the body says).
    const FieldDescriptor* top =
        message->GetDescriptor()->FindFieldByName(b.field_path);
    const google::protobuf::Reflection* r = message->GetReflection();
    std::unique_ptr<Message> before;
    if (!body.empty() && top != nullptr && !top->is_repeated() &&
        r->HasField(*message, top)) {
      before.reset(message->New());
      before->CopyFrom(*message);
    }
    absl::Status s =
        SetFieldFromText(message, b.field_path, b.value, b.field_path);
    if (!s.ok()) return s;
    if (before != nullptr && !SameField(*before, *message, top)) {
      return Bad(b.field_path,
                 "the request body holds another value than the URL path");
    }
    bound.insert(b.field_path);
  }
  std::vector<std::string> unknown;
  std::set<std::string> singular_seen;
  for (const auto& [name, value] : query) {
    if (reserved.count(name) != 0) continue;
    std::string canonical = CanonicalPath(message->GetDescriptor(), name);
    if (body == "*") {
      return Bad(name,
                 "query parameters are not accepted here: the request body "
                 "carries the request");
    }
    if (!body.empty() &&
        (canonical == body ||
         absl::StartsWith(canonical, absl::StrCat(body, ".")))) {
      return Bad(name, "is carried by the request body");
    }
    for (const std::string& b : bound) {
      if (canonical == b || absl::StartsWith(canonical, b + ".")) {
        return Bad(name, "is bound by the URL path and cannot be set again");
      }
    }
    Message* target = nullptr;
    absl::StatusOr<const FieldDescriptor*> f =
        Resolve(message, name, name, &target);
    if (!f.ok()) {
      unknown.push_back(DisplayForm(name));
      continue;
    }
    if (!(*f)->is_repeated() && !singular_seen.insert(canonical).second) {
      return Bad(name, "given more than once, but the field is not repeated");
    }
    absl::Status s = SetFieldFromText(message, name, value, name);
    if (!s.ok()) return s;
  }
  if (!unknown.empty()) {
    absl::Status s = absl::InvalidArgumentError(absl::StrCat(
        "unknown query parameter", unknown.size() > 1 ? "s" : "", ": ",
        absl::StrJoin(unknown, ", "), " (",
        message->GetDescriptor()->full_name(), " has no such field)"));
    std::vector<std::pair<std::string, std::string>> violations;
    for (const auto& u : unknown) violations.emplace_back(u, "no such field");
    AddFieldViolations(s, violations);
    return s;
  }
  return absl::OkStatus();
}

namespace {

// A JSON parse error of the body, naming the field protobuf's parser
// names ("(window.start_time): invalid value ...", "site: Proto field is
// not repeating ...", "nope: Cannot find field."), under `prefix`; "" as
// the field for errors of the JSON itself.
std::pair<std::string, std::string> ParseErrorField(
    const std::string& message) {
  std::string field, why = message;
  if (absl::StartsWith(message, "(")) {
    size_t close = message.find("): ");
    if (close != std::string::npos) {
      field = message.substr(1, close - 1);
      why = message.substr(close + 3);
    }
  } else if (size_t colon = message.find(": ");
             colon != std::string::npos && colon > 0 &&
             message.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
                                       "NOPQRSTUVWXYZ0123456789"
                                       "_.[]") == colon) {
    field = message.substr(0, colon);
    why = message.substr(colon + 2);
  }
  // The parser's excerpt and caret lines are not for a header.
  why = why.substr(0, why.find('\n'));
  return {field, why};
}

// The members of a JSON object's text at its top level ("key": value, as
// text), found by a scan of strings and brackets only; empty if the text
// is not an object the scan understands.
std::vector<std::pair<std::string, absl::string_view>> TopLevelMembers(
    absl::string_view j) {
  std::vector<std::pair<std::string, absl::string_view>> out;
  size_t i = 0;
  auto ws = [&] {
    while (i < j.size() &&
           (j[i] == ' ' || j[i] == '\t' || j[i] == '\n' || j[i] == '\r')) {
      ++i;
    }
  };
  // Past the string starting at j[i] == '"'; false if unterminated.
  auto skip_string = [&] {
    for (++i; i < j.size(); ++i) {
      if (j[i] == '\\') {
        ++i;
      } else if (j[i] == '"') {
        ++i;
        return true;
      }
    }
    return false;
  };
  ws();
  if (i >= j.size() || j[i] != '{') return {};
  ++i;
  for (;;) {
    ws();
    if (i < j.size() && j[i] == '}') return out;
    if (i >= j.size() || j[i] != '"') return {};
    size_t start = i;
    if (!skip_string()) return {};
    std::string key(j.substr(start + 1, i - start - 2));
    ws();
    if (i >= j.size() || j[i] != ':') return {};
    ++i;
    int depth = 0;
    while (i < j.size()) {
      char c = j[i];
      if (c == '"') {
        if (!skip_string()) return {};
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') {
        if (depth == 0) break;
        --depth;
      }
      if (c == ',' && depth == 0) break;
      ++i;
    }
    if (i >= j.size()) return {};
    out.emplace_back(std::move(key), j.substr(start, i - start));
    if (j[i] == ',') ++i;
  }
}

// Checks JSON values against pwis's strict text forms where protobuf's
// parser is lenient: a number, bool, enum, timestamp or duration written
// as a JSON string must be in the form a query parameter must have ("0x78"
// is not a double, ten fraction digits are not a timestamp).
absl::Status CheckJsonField(const Message& prototype, const FieldDescriptor* f,
                            const google::protobuf::Value& v,
                            const std::string& path);

absl::Status CheckJsonObject(const Message& prototype,
                             const google::protobuf::Struct& object,
                             const std::string& prefix) {
  for (const auto& [key, v] : object.fields()) {
    const FieldDescriptor* f = FindField(prototype.GetDescriptor(), key);
    if (f == nullptr || f->is_map()) continue;  // The parser names these.
    std::string path = prefix + f->name();
    if (f->is_repeated() && v.has_list_value()) {
      for (int i = 0; i < v.list_value().values_size(); ++i) {
        if (absl::Status s =
                CheckJsonField(prototype, f, v.list_value().values(i),
                               absl::StrCat(path, "[", i, "]"));
            !s.ok()) {
          return s;
        }
      }
    } else if (absl::Status s = CheckJsonField(prototype, f, v, path);
               !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckJsonField(const Message& prototype, const FieldDescriptor* f,
                            const google::protobuf::Value& v,
                            const std::string& path) {
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const std::string& type = f->message_type()->full_name();
    if (absl::StartsWith(type, "google.protobuf.")) {
      if (!v.has_string_value() || type == "google.protobuf.Value" ||
          type == "google.protobuf.Struct") {
        return absl::OkStatus();
      }
    } else {
      if (!v.has_struct_value()) return absl::OkStatus();
      const Message* sub =
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(
              f->message_type());
      if (sub == nullptr) return absl::OkStatus();
      return CheckJsonObject(*sub, v.struct_value(), path + ".");
    }
  } else if (!v.has_string_value() ||
             f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    return absl::OkStatus();
  }
  std::unique_ptr<Message> scratch(prototype.New());
  return SetLeaf(scratch.get(), f, v.string_value(), path);
}

// Parses `body` into `target` (unknown fields refused); errors name the
// field, under `prefix`. With `attribute`, an error the parser does not
// tie to a field (nesting too deep, a number out of range) is tied to the
// top-level member that alone fails.
absl::Status ParseBody(Message* target, absl::string_view body,
                       const std::string& prefix, bool attribute) {
  google::protobuf::util::JsonParseOptions options;  // Unknown fields refused.
  google::protobuf::Value tree;
  if (google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(body.data(), body.size()), &tree)
          .ok() &&
      tree.has_struct_value()) {
    if (absl::Status s = CheckJsonObject(*target, tree.struct_value(), prefix);
        !s.ok()) {
      return s;
    }
  }
  std::unique_ptr<Message> parsed(target->New());
  auto st = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), parsed.get(),
      options);
  if (st.ok()) {
    target->MergeFrom(*parsed);
    return absl::OkStatus();
  }
  auto [field, why] = ParseErrorField(st.message().as_string());
  if (!field.empty()) return Bad(prefix + field, why);
  if (attribute) {
    for (const auto& [key, member] : TopLevelMembers(body)) {
      std::unique_ptr<Message> alone(target->New());
      absl::Status s =
          ParseBody(alone.get(), absl::StrCat("{", member, "}"), prefix, false);
      if (s.ok()) continue;
      if (!absl::StartsWith(s.message(), "body:")) return s;
      const FieldDescriptor* f = FindField(target->GetDescriptor(), key);
      if (f != nullptr) return Bad(prefix + f->name(), why);
    }
  }
  return Bad("body", why);
}

}  // namespace

absl::Status BindBody(google::protobuf::Message* message,
                      const std::string& body_field, absl::string_view body) {
  if (!IsValidUtf8(body)) return Bad("body", "not valid UTF-8");
  if (body_field == "*") return ParseBody(message, body, "", true);
  const FieldDescriptor* f =
      message->GetDescriptor()->FindFieldByName(body_field);
  if (f == nullptr) return absl::InternalError("body field vanished");
  if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) {
    // A scalar or repeated body: parse it as the field of a wrapper
    // object, once it is known to be exactly one JSON value (so that it
    // cannot close the wrapper and set other fields).
    google::protobuf::Value one;
    if (!google::protobuf::util::JsonStringToMessage(
             google::protobuf::StringPiece(body.data(), body.size()), &one)
             .ok()) {
      return Bad("body", "not a single JSON value");
    }
    std::unique_ptr<Message> tmp(message->New());
    std::string wrapped = absl::StrCat("{\"", f->json_name(), "\":", body, "}");
    if (absl::Status s = ParseBody(tmp.get(), wrapped, "", false); !s.ok()) {
      return s;
    }
    message->GetReflection()->ClearField(message, f);
    message->MergeFrom(*tmp);
    return absl::OkStatus();
  }
  return ParseBody(message->GetReflection()->MutableMessage(message, f), body,
                   body_field + ".", true);
}

}  // namespace pwis::gateway
