#include "gis/geo/json_message.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "gis/geo/json_lexer.h"
#include "gis/geo/json_struct.h"

namespace pwis::geo {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Integral values only; 2.0 (as numeric columns print) counts.
template <typename Int>
bool ToInt(double d, std::string_view token, Int* out) {
  Int i;
  auto [end, ec] =
      std::from_chars(token.data(), token.data() + token.size(), i);
  if (ec == std::errc() && end == token.data() + token.size()) {
    *out = i;  // Exact, beyond a double's 53 bits too.
    return true;
  }
  if (d != std::floor(d) ||
      d < static_cast<double>(std::numeric_limits<Int>::min()) ||
      d >= static_cast<double>(std::numeric_limits<Int>::max())) {
    return false;
  }
  *out = static_cast<Int>(d);
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view json) : lx_(json) {}

  absl::Status Top(Message* out) {
    lx_.SkipSpace();
    if (!lx_.Peek('{')) {
      lx_.Fail("expected an object");
    } else if (Object(out, 1) &&
               (lx_.AtEnd() || lx_.Fail("text after the object"))) {
      return absl::OkStatus();
    }
    if (bad_field_ != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          bad_field_->full_name(), ": the value does not fit the field"));
    }
    return lx_.Error();
  }

 private:
  bool Bad(const FieldDescriptor* f) {
    if (bad_field_ == nullptr) bad_field_ = f;
    return false;
  }

  // At '{'.
  bool Object(Message* m, int depth) {
    if (depth > JsonLexer::kMaxDepth) return lx_.Fail("nested too deeply");
    lx_.Consume('{');
    if (lx_.Consume('}')) return true;
    const Descriptor* d = m->GetDescriptor();
    for (bool more = true; more;) {
      lx_.SkipSpace();
      key_.clear();
      if (!lx_.Peek('"') || !lx_.ParseString(&key_)) {
        return lx_.Fail("expected a key");
      }
      if (!lx_.Consume(':')) return lx_.Fail("expected ':'");
      const FieldDescriptor* f = d->FindFieldByName(key_);
      if (f == nullptr) f = d->FindFieldByCamelcaseName(key_);
      if (!(f == nullptr ? lx_.SkipValue(depth) : Field(f, m, depth))) {
        return false;
      }
      if (!lx_.EndOrComma('}', &more)) return false;
    }
    return true;
  }

  bool Null() {
    lx_.SkipSpace();
    return lx_.Peek('n');
  }

  bool Field(const FieldDescriptor* f, Message* m, int depth) {
    if (Null()) return lx_.Literal("null");
    const Reflection* r = m->GetReflection();
    if (f->is_repeated() || f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      r->ClearField(m, f);  // A repeated key replaces, as in a Struct.
    }
    if (!f->is_repeated()) return One(f, m, false, depth);
    if (!lx_.Consume('[')) return Bad(f);
    if (depth + 1 > JsonLexer::kMaxDepth) return lx_.Fail("nested too deeply");
    if (lx_.Consume(']')) return true;
    for (bool more = true; more;) {
      if (Null()) {
        if (!lx_.Literal("null")) return false;
      } else if (!One(f, m, true, depth + 1)) {
        return false;
      }
      if (!lx_.EndOrComma(']', &more)) return false;
    }
    return true;
  }

  // Steps over a value the field cannot take, checking it is JSON, so a
  // syntax error is still told as one.
  bool Mismatch(const FieldDescriptor* f, int depth) {
    return lx_.SkipValue(depth) && Bad(f);
  }

  // One value (of a repeated field when `add`) into `m`.
  bool One(const FieldDescriptor* f, Message* m, bool add, int depth) {
    const Reflection* r = m->GetReflection();
    lx_.SkipSpace();
    const char next = lx_.Next();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        if (next != '"') return Mismatch(f, depth);
        std::string s;
        if (!lx_.ParseString(&s)) return false;
        add ? r->AddString(m, f, std::move(s))
            : r->SetString(m, f, std::move(s));
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        if (next != 't' && next != 'f') return Mismatch(f, depth);
        const bool b = next == 't';
        if (!lx_.Literal(b ? "true" : "false")) return false;
        add ? r->AddBool(m, f, b) : r->SetBool(m, f, b);
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        if (next != '"') return Mismatch(f, depth);
        std::string name;
        if (!lx_.ParseString(&name)) return false;
        const auto* e = f->enum_type()->FindValueByName(name);
        if (e == nullptr) return Bad(f);
        add ? r->AddEnumValue(m, f, e->number())
            : r->SetEnumValue(m, f, e->number());
        return true;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Submessage(f, m, add, depth);
      default:
        return Number(f, m, add, depth);
    }
  }

  bool Number(const FieldDescriptor* f, Message* m, bool add, int depth) {
    const Reflection* r = m->GetReflection();
    const char next = lx_.Next();
    if (next != '-' && !(next >= '0' && next <= '9')) return Mismatch(f, depth);
    double d;
    std::string_view token;
    if (!lx_.ParseNumber(&d, &token)) return false;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_DOUBLE:
        add ? r->AddDouble(m, f, d) : r->SetDouble(m, f, d);
        return true;
      case FieldDescriptor::CPPTYPE_FLOAT:
        add ? r->AddFloat(m, f, static_cast<float>(d))
            : r->SetFloat(m, f, static_cast<float>(d));
        return true;
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t i;
        if (!ToInt(d, token, &i)) return Bad(f);
        add ? r->AddInt32(m, f, i) : r->SetInt32(m, f, i);
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t i;
        if (!ToInt(d, token, &i)) return Bad(f);
        add ? r->AddInt64(m, f, i) : r->SetInt64(m, f, i);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t i;
        if (!ToInt(d, token, &i)) return Bad(f);
        add ? r->AddUInt32(m, f, i) : r->SetUInt32(m, f, i);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t i;
        if (!ToInt(d, token, &i)) return Bad(f);
        add ? r->AddUInt64(m, f, i) : r->SetUInt64(m, f, i);
        return true;
      }
      default:
        return Bad(f);
    }
  }

  bool Submessage(const FieldDescriptor* f, Message* m, bool add, int depth) {
    const Reflection* r = m->GetReflection();
    const std::string& type = f->message_type()->full_name();
    const bool any_json = type == "google.protobuf.Struct" ||
                          type == "google.protobuf.Value" ||
                          type == "google.protobuf.ListValue";
    if (!any_json && !lx_.Peek('{')) return Mismatch(f, depth);
    if (!any_json) {
      Message* sub = add ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      return Object(sub, depth + 1);
    }
    // Struct and its kin: the value's text through json_struct.h.
    const size_t from = lx_.pos();
    if (!lx_.SkipValue(depth)) return false;
    google::protobuf::Value v;
    if (!JsonToValue(lx_.Text(from, lx_.pos()), &v).ok()) return Bad(f);
    Message* sub = add ? r->AddMessage(m, f) : r->MutableMessage(m, f);
    if (type == "google.protobuf.Value") {
      sub->GetReflection()->Swap(sub, &v);
    } else if (type == "google.protobuf.Struct") {
      if (!v.has_struct_value()) return Bad(f);
      sub->GetReflection()->Swap(sub, v.mutable_struct_value());
    } else {
      if (!v.has_list_value()) return Bad(f);
      sub->GetReflection()->Swap(sub, v.mutable_list_value());
    }
    return true;
  }

  JsonLexer lx_;
  std::string key_;
  const FieldDescriptor* bad_field_ = nullptr;
};

}  // namespace

absl::Status JsonToMessage(std::string_view json, Message* out) {
  Parser p(json);
  return p.Top(out);
}

}  // namespace pwis::geo
