#include "gis/geo/struct_message.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cmath>

#include "absl/strings/str_cat.h"

namespace pwis::geo {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::Struct;
using google::protobuf::Value;

absl::Status Bad(const FieldDescriptor* f) {
  return absl::InvalidArgumentError(
      absl::StrCat(f->full_name(), ": the value does not fit the field"));
}

absl::Status Set(const Value& v, const FieldDescriptor* f, Message* m,
                 int depth);

// One value (of a repeated field when `add`) into `m`.
absl::Status One(const Value& v, const FieldDescriptor* f, Message* m, bool add,
                 int depth) {
  const Reflection* r = m->GetReflection();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (v.kind_case() != Value::kStringValue) return Bad(f);
      add ? r->AddString(m, f, v.string_value())
          : r->SetString(m, f, v.string_value());
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_BOOL:
      if (v.kind_case() != Value::kBoolValue) return Bad(f);
      add ? r->AddBool(m, f, v.bool_value()) : r->SetBool(m, f, v.bool_value());
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      if (v.kind_case() != Value::kNumberValue) return Bad(f);
      const double d = v.number_value();
      if (!std::isfinite(d)) return Bad(f);
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_DOUBLE:
          add ? r->AddDouble(m, f, d) : r->SetDouble(m, f, d);
          break;
        case FieldDescriptor::CPPTYPE_FLOAT:
          add ? r->AddFloat(m, f, static_cast<float>(d))
              : r->SetFloat(m, f, static_cast<float>(d));
          break;
        case FieldDescriptor::CPPTYPE_INT32:
          if (d != std::floor(d) || std::fabs(d) > 2147483647) return Bad(f);
          add ? r->AddInt32(m, f, static_cast<int32_t>(d))
              : r->SetInt32(m, f, static_cast<int32_t>(d));
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          if (d != std::floor(d) || std::fabs(d) > 9e15) return Bad(f);
          add ? r->AddInt64(m, f, static_cast<int64_t>(d))
              : r->SetInt64(m, f, static_cast<int64_t>(d));
          break;
        default:
          return Bad(f);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      if (v.kind_case() != Value::kStringValue) return Bad(f);
      const auto* e = f->enum_type()->FindValueByName(v.string_value());
      if (e == nullptr) return Bad(f);
      add ? r->AddEnumValue(m, f, e->number())
          : r->SetEnumValue(m, f, e->number());
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (v.kind_case() != Value::kStructValue || depth > 32) return Bad(f);
      Message* sub = add ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      for (const auto& [key, value] : v.struct_value().fields()) {
        const FieldDescriptor* g = sub->GetDescriptor()->FindFieldByName(key);
        if (g == nullptr) {
          g = sub->GetDescriptor()->FindFieldByCamelcaseName(key);
        }
        if (g == nullptr) continue;
        if (absl::Status s = Set(value, g, sub, depth + 1); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
  }
  return Bad(f);
}

absl::Status Set(const Value& v, const FieldDescriptor* f, Message* m,
                 int depth) {
  if (v.kind_case() == Value::kNullValue) return absl::OkStatus();
  if (!f->is_repeated()) return One(v, f, m, false, depth);
  if (v.kind_case() != Value::kListValue) return Bad(f);
  for (const Value& item : v.list_value().values()) {
    if (item.kind_case() == Value::kNullValue) continue;
    if (absl::Status s = One(item, f, m, true, depth); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status StructToMessage(const Struct& in, Message* out) {
  for (const auto& [key, value] : in.fields()) {
    const FieldDescriptor* f = out->GetDescriptor()->FindFieldByName(key);
    if (f == nullptr) f = out->GetDescriptor()->FindFieldByCamelcaseName(key);
    if (f == nullptr) continue;
    if (absl::Status s = Set(value, f, out, 0); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace pwis::geo
