#include "gis/geo/json_struct.h"

#include <string>

#include "gis/geo/json_lexer.h"

namespace pwis::geo {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

class Parser {
 public:
  explicit Parser(JsonLexer& lx) : lx_(lx) {}

  bool ParseValue(Value* v, int depth) {
    lx_.SkipSpace();
    switch (lx_.Next()) {
      case '\0':
        return lx_.Fail("unexpected end");
      case '{':
        return ParseObject(v->mutable_struct_value(), depth + 1);
      case '[':
        return ParseArray(v->mutable_list_value(), depth + 1);
      case '"':
        return lx_.ParseString(v->mutable_string_value());
      case 't':
        v->set_bool_value(true);
        return lx_.Literal("true");
      case 'f':
        v->set_bool_value(false);
        return lx_.Literal("false");
      case 'n':
        v->set_null_value(google::protobuf::NULL_VALUE);
        return lx_.Literal("null");
      default: {
        double d;
        if (!lx_.ParseNumber(&d)) return false;
        v->set_number_value(d);
        return true;
      }
    }
  }

  // At '{'.
  bool ParseObject(Struct* out, int depth) {
    if (depth > JsonLexer::kMaxDepth) return lx_.Fail("nested too deeply");
    lx_.Consume('{');
    if (lx_.Consume('}')) return true;
    for (bool more = true; more;) {
      lx_.SkipSpace();
      std::string key;
      if (!lx_.Peek('"') || !lx_.ParseString(&key)) {
        return lx_.Fail("expected a key");
      }
      if (!lx_.Consume(':')) return lx_.Fail("expected ':'");
      if (!ParseValue(&(*out->mutable_fields())[key], depth)) return false;
      if (!lx_.EndOrComma('}', &more)) return false;
    }
    return true;
  }

 private:
  bool ParseArray(ListValue* out, int depth) {
    if (depth > JsonLexer::kMaxDepth) return lx_.Fail("nested too deeply");
    lx_.Consume('[');
    if (lx_.Consume(']')) return true;
    for (bool more = true; more;) {
      if (!ParseValue(out->add_values(), depth)) return false;
      if (!lx_.EndOrComma(']', &more)) return false;
    }
    return true;
  }

  JsonLexer& lx_;
};

}  // namespace

absl::Status JsonToStruct(std::string_view json,
                          google::protobuf::Struct* out) {
  out->Clear();
  JsonLexer lx(json);
  Parser p(lx);
  lx.SkipSpace();
  if (!lx.Peek('{')) {
    lx.Fail("expected an object");
    return lx.Error();
  }
  if (!p.ParseObject(out, 1) ||
      !(lx.AtEnd() || lx.Fail("text after the object"))) {
    return lx.Error();
  }
  return absl::OkStatus();
}

absl::Status JsonToValue(std::string_view json, google::protobuf::Value* out) {
  out->Clear();
  JsonLexer lx(json);
  Parser p(lx);
  if (!p.ParseValue(out, 0) ||
      !(lx.AtEnd() || lx.Fail("text after the value"))) {
    return lx.Error();
  }
  return absl::OkStatus();
}

}  // namespace pwis::geo
