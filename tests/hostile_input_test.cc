// The hostile-input suite: every route of every pwis service over HTTP, and
// every method over gRPC, against the real pwis-server binary and database,
// with hostile values for every field of every request message. It is
// generated from the descriptors, so a new domain's routes and fields are
// covered without writing a line here.
//
// Each value is either one the server must refuse (NUL, invalid UTF-8,
// non-decimal numbers, out-of-range times, unknown enum values, ...) or one
// it may accept (empty, huge, negative, NaN, ...). Every answer must be a
// success, or a 4xx / gRPC client error whose google.rpc.Status names the
// field (or NOT_FOUND); never a 5xx, INTERNAL, UNKNOWN or a dead process.
// A value that must be refused may not be answered with success: a filter
// must never be silently dropped.
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "gateway/routes.h"
#include "gateway/text_forms.h"
#include "protos/descriptor_set.h"
#include "tests/support/http_client.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Every service of package pwis.v1, from the protos' descriptor set.
std::vector<const google::protobuf::ServiceDescriptor*> PwisServices() {
  google::protobuf::FileDescriptorSet set;
  absl::string_view bytes = protos::DescriptorSetWithComments();
  EXPECT_TRUE(set.ParseFromArray(bytes.data(), bytes.size()));
  std::vector<const google::protobuf::ServiceDescriptor*> out;
  for (const auto& file : set.file()) {
    if (file.package() != "pwis.v1") continue;
    for (const auto& s : file.service()) {
      const auto* d =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
              "pwis.v1." + s.name());
      EXPECT_NE(d, nullptr) << s.name();
      if (d != nullptr) out.push_back(d);
    }
  }
  return out;
}

// A field reachable from the request, by dotted path.
struct Leaf {
  std::string proto_path, json_path;
  const FieldDescriptor* field;
};

bool IsTimeType(const Descriptor* d, const char* name) {
  return d != nullptr && d->full_name() == name;
}

void Leaves(const Descriptor* d, const std::string& proto_prefix,
            const std::string& json_prefix, int depth, std::vector<Leaf>& out) {
  if (depth > 3) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    std::string p = proto_prefix + f->name(), j = json_prefix + f->json_name();
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      const Descriptor* m = f->message_type();
      if (IsTimeType(m, "google.protobuf.Timestamp") ||
          IsTimeType(m, "google.protobuf.Duration") ||
          IsTimeType(m, "google.protobuf.Struct")) {
        out.push_back({p, j, f});
      } else if (!f->is_repeated() && !f->is_map() &&
                 !absl::StartsWith(m->full_name(), "google.protobuf.")) {
        Leaves(m, p + ".", j + ".", depth + 1, out);
      }
      continue;
    }
    if (!f->is_map()) out.push_back({p, j, f});
  }
}

struct Hostile {
  std::string text;  // As sent in a URL (before percent-encoding).
  bool must_refuse;
  std::string label;
  // In a JSON body: `text` is raw JSON (not a string to quote).
  bool raw_json = false;
};

// A GeoJSON polygon ring of `n` positions around Kaohsiung.
std::string ManyPositions(int n) {
  std::string out = "[[";
  for (int i = 0; i < n; ++i) {
    absl::StrAppendFormat(&out, "[%.7f,22.62],", 120.30 + i * 1e-7);
  }
  return out + "[120.30,22.62]]]";
}

// Hostile values of a google.protobuf.Struct request field, which pwis
// uses only for GeoJSON geometries (see common.proto): JSON texts.
std::vector<Hostile> GeometryValues() {
  std::vector<Hostile> v;
  auto add = [&](std::string t, bool refuse, std::string label) {
    v.push_back({std::move(t), refuse, std::move(label), true});
  };
  add("{}", true, "empty object");
  add("[1,2]", true, "an array");
  add(R"("Point")", true, "a string");
  add("null", false, "null (unset)");
  add(R"({"type":"Point"})", true, "no coordinates");
  add(R"({"type":7,"coordinates":[120.3,22.6]})", true, "numeric type");
  add(R"({"type":"Point","coordinates":"x"})", true, "string coordinates");
  add(R"({"type":"Point","coordinates":[200,95]})", true, "outside the world");
  add(R"({"type":"Point","coordinates":[22.6,120.3]})", true, "lat, lng");
  add(R"({"type":"Point","coordinates":[120.3,22.6,1,2]})", true,
      "four numbers");
  add(R"({"type":"Point","coordinates":[120.3,null]})", true, "null number");
  add(R"({"type":"LineString","coordinates":[[120.3,22.6],[120.3,22.6]]})",
      true, "zero-length line");
  add(R"({"type":"Polygon","coordinates":[[[120.3,22.6],[120.31,22.6],)"
      R"([120.3,22.6]]]})",
      true, "three-position ring");
  add(R"({"type":"Polygon","coordinates":[[[120.3,22.6],[120.31,22.6],)"
      R"([120.31,22.61],[120.3,22.61]]]})",
      true, "unclosed ring");
  add(absl::StrCat(R"({"type":"Polygon","coordinates":)", ManyPositions(20000),
                   "}"),
      true, "20 000 positions");
  add(R"({"type":"GeometryCollection","geometries":[]})", true,
      "GeometryCollection");
  add(R"({"type":"Feature","geometry":{"type":"Point","coordinates":)"
      R"([120.3,22.6]}})",
      true, "a Feature");
  add(R"({"type":"Point","coordinates":[120.3,22.6],"crs":{"type":"name",)"
      R"("properties":{"name":"EPSG:9999"}}})",
      true, "unknown crs");
  add(absl::StrCat(R"({"type":"Point","coordinates":)", std::string(80, '['),
                   "1", std::string(80, ']'), "}"),
      true, "deep nesting");
  add(R"({"type":"Point","coordinates":[120.3,22.6]})", false, "a point");
  add(R"({"type":"Polygon","coordinates":[[[120.3,22.6],[120.3001,22.6001],)"
      R"([120.3001,22.6],[120.3,22.6001],[120.3,22.6]]]})",
      false, "a bow tie");
  return v;
}

// Hostile text values for a field of this kind.
std::vector<Hostile> TextValues(const FieldDescriptor* f) {
  std::vector<Hostile> v;
  auto add = [&](std::string t, bool refuse, std::string label) {
    v.push_back({std::move(t), refuse, std::move(label)});
  };
  const Descriptor* m = f->message_type();
  if (IsTimeType(m, "google.protobuf.Struct")) return GeometryValues();
  if (IsTimeType(m, "google.protobuf.Timestamp")) {
    add("0001-01-01T00:00:00+08:00", true, "before year 1 in UTC");
    add("9999-12-31T23:59:59-08:00", true, "after 9999 in UTC");
    add("0000-01-01T00:00:00Z", true, "year 0");
    add("10000-01-01T00:00:00Z", true, "five-digit year");
    add("2026-02-30T00:00:00Z", true, "30 February");
    add("2026-03-10T25:00:00Z", true, "hour 25");
    add("2026-03-10T10:00:00", true, "no zone");
    add("2026-03-10T10:00:00.1234567890Z", true, "ten fraction digits");
    add("1e400", true, "a number");
    add("1800-01-01T00:00:00Z", false, "before the supported range");
    add("0001-01-01T00:00:00Z", false, "the first instant");
    add("9999-12-31T23:59:59.999999999Z", false, "the last instant");
    return v;
  }
  if (IsTimeType(m, "google.protobuf.Duration")) {
    add("315576000001s", true, "too long");
    add("-315576000001s", true, "too long, negative");
    add("1e10s", true, "exponent");
    add("1.5", true, "no unit");
    return v;
  }
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      add(std::string("\0", 1), true, "NUL");
      add(std::string("\0\xe4\xb8\xad", 4), true, "leading NUL");
      add(std::string("\xe4\xb8\xad\0", 4), true, "trailing NUL");
      if (f->type() == FieldDescriptor::TYPE_STRING) {
        add("\xff", true, "invalid UTF-8");
        add("\xe4\xb8", true, "truncated UTF-8");
        add("\xc0\xaf", true, "overlong UTF-8");
      } else {
        add("!!!", true, "not base64");
      }
      add("", false, "empty");
      add(std::string(6000, 'x'), false, "overlong");
      add("0x78,22,121,23", false, "hex-looking");
      add("'; DROP TABLE road_works; --", false, "SQL");
      add("%", false, "percent sign");
      break;
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      add("0x10", true, "hex");
      add(" 1", true, "leading space");
      add("+1", true, "plus sign");
      add("1.5", true, "fraction");
      add("NaN", true, "NaN");
      add("1e400", true, "1e400");
      add("99999999999999999999999", true, "overflow");
      add("", true, "empty");
      add("-1", false, "negative");
      add("0", false, "zero");
      add(f->cpp_type() == FieldDescriptor::CPPTYPE_INT32
              ? "2147483647"
              : "9223372036854775807",
          false, "largest");
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      add("0x78", true, "hex");
      add("1e400", true, "overflow");
      add("-1e400", true, "negative overflow");
      add("inf", true, "inf word");
      add("1,5", true, "comma");
      add("", true, "empty");
      add("NaN", false, "NaN");
      add("Infinity", false, "Infinity");
      add("-Infinity", false, "-Infinity");
      add("-0", false, "negative zero");
      add("1e308", false, "huge");
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      add("yes", true, "yes");
      add("2", true, "2");
      add("", false, "empty (true)");
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      add("NOT_A_VALUE", true, "unknown name");
      add("99", true, "unknown number");
      add("-1", true, "negative number");
      add("2147483648", true, "beyond int32");
      add("0x1", true, "hex number");
      break;
    default:
      break;
  }
  return v;
}

std::string PercentEncode(absl::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// A valid text for a path variable of this field.
std::string PlainValue(const FieldDescriptor* f) {
  // Tile coordinates: column and row 0 are a tile at every zoom.
  if (f->name() == "x" || f->name() == "y" || f->name() == "z") return "0";
  if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return "1";
  // A day for fields named *date, as PlainJson gives them.
  if (absl::EndsWith(f->name(), "date")) return "2026-03-10";
  // A tile layer with every zoom and no filters of its own, so each probe
  // reaches the field it is about.
  if (f->name() == "layer") return "districts";
  return "x";
}

// The request path of `route` with `value` for the variable bound to
// `field` (others get plain values).
std::string PathOf(const gateway::Route& route, const std::string& field,
                   const std::string& value) {
  const auto& segs = route.path.segments();
  const auto& vars = route.path.variables();
  std::string out;
  for (int i = 0; i < static_cast<int>(segs.size()); ++i) {
    const gateway::PathTemplate::Variable* var = nullptr;
    for (const auto& v : vars) {
      if (i >= v.begin && i < v.end) var = &v;
    }
    if (var != nullptr) {
      if (i != var->begin) continue;
      const FieldDescriptor* f = route.method->input_type()->FindFieldByName(
          var->field_path.substr(0, var->field_path.find('.')));
      out += "/" + (var->field_path == field ? PercentEncode(value)
                                             : PercentEncode(PlainValue(f)));
    } else if (segs[i].kind == gateway::PathTemplate::SegmentKind::kLiteral) {
      out += "/" + segs[i].literal;
    } else {
      out += "/x";
    }
  }
  if (!route.path.verb().empty()) out += ":" + route.path.verb();
  return out;
}

bool PathBound(const gateway::Route& route, const std::string& field) {
  for (const auto& v : route.path.variables()) {
    if (v.field_path == field) return true;
  }
  return false;
}

// True if `violation` names the leaf (by proto or JSON path, possibly
// with an index).
bool Names(const std::string& violation, const Leaf& leaf) {
  // "photos[2].url" names photos.url; "ids[3]" names ids.
  std::string v;
  bool in_index = false;
  for (char c : violation) {
    if (c == '[') in_index = true;
    if (!in_index) v += c;
    if (c == ']') in_index = false;
  }
  return v == leaf.proto_path || v == leaf.json_path;
}

std::string Describe(const Hostile& h) {
  return absl::StrCat(h.label, " (", PercentEncode(h.text.substr(0, 40)), ")");
}

class HostileInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    RoadWorkSpec spec;
    spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
    InsertRoadWork(*db_, spec);
    server_ = new ServerProcess(PWIS_SERVER_BINARY, db_->url());
    ASSERT_TRUE(server_->running()) << "pwis-server did not start";
    // A project numbered as the probes' plain path value ("x"), under
    // construction around their plain day (2026-03-10): a write that
    // passes the checks reaches the table's own rules.
    db_->Exec(
        "INSERT INTO projects (project_no, name_zh, unit_code, status, geom, "
        "contract_start, planned_completion) VALUES ('x', '探測工程', 'NBO', "
        "'under_construction', ST_SetSRID(ST_MakePoint(120.3133, 22.6223), "
        "4326), '2020-01-01', '2030-12-31')");
    // Writes are probed as an authorised writer would send them, so that
    // a hostile value meets the write's own checks, not only the key's.
    writer_key_ = new std::string(
        db_->QueryValue("SELECT pwis_create_api_key('hostile-input suite', "
                        "ARRAY['projects.write', 'licenses.full'])"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    delete writer_key_;
  }
  // The headers of a request on `route`: JSON, and the writer's key on
  // every route that is not a read.
  static std::map<std::string, std::string> HeadersFor(
      const gateway::Route& route) {
    std::map<std::string, std::string> h = {
        {"content-type", "application/json"}};
    if (route.http_method != "GET") {
      h["authorization"] = absl::StrCat("Bearer ", *writer_key_);
    }
    return h;
  }
  // The gRPC methods of routes that are not reads.
  static bool IsWrite(const std::string& grpc_path) {
    static const std::set<std::string>* writes = [] {
      auto* out = new std::set<std::string>;
      absl::StatusOr<std::vector<gateway::Route>> routes =
          gateway::LoadRoutes(PwisServices());
      if (routes.ok()) {
        for (const gateway::Route& r : *routes) {
          if (r.http_method != "GET") out->insert(r.grpc_method);
        }
      }
      return out;
    }();
    return writes->count(grpc_path) != 0;
  }
  // The server still runs and answers both fronts.
  static void ExpectAlive(const std::string& after) {
    ASSERT_TRUE(server_->running()) << "pwis-server died after " << after;
    EXPECT_TRUE(Serving(server_->grpc_port())) << "after " << after;
    EXPECT_EQ(Fetch(server_->http_port(), "GET", "/v1/districts").status, 200)
        << "after " << after;
  }

  static TestDatabase* db_;
  static ServerProcess* server_;
  static std::string* writer_key_;
};
TestDatabase* HostileInputTest::db_ = nullptr;
std::string* HostileInputTest::writer_key_ = nullptr;
ServerProcess* HostileInputTest::server_ = nullptr;

// The fields an INVALID_ARGUMENT answer says are required but missing
// (a companion of the field under test, such as lat beside lng).
std::vector<std::string> MissingCompanions(const google::rpc::Status& status) {
  std::vector<std::string> out;
  for (const auto& any : status.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) {
      if (absl::StartsWith(v.description(), "required")) {
        out.push_back(v.field());
      }
    }
  }
  return out;
}

// Checks one HTTP answer; returns a description of what is wrong, or "".
// `body_level`: the value made the whole JSON body invalid (bytes that are
// not UTF-8), so naming "body" is naming it.
std::string JudgeHttp(const HttpResult& r, const Leaf& leaf, const Hostile& h,
                      bool body_level = false) {
  if (r.status == 0) return "no answer: " + r.error;
  if (r.status >= 500) return absl::StrCat("status ", r.status, ": ", r.body);
  if (r.status < 300) {
    return h.must_refuse ? absl::StrCat("accepted (", r.status, ")") : "";
  }
  // URL-level answers; a 404 only for values that may be accepted (a
  // refused value must not get as far as a lookup).
  if (r.status == 414) return "";
  if (r.status == 404) {
    return h.must_refuse ? "404 for a value that must be refused: " + r.body
                         : "";
  }
  if (r.status != 400) return absl::StrCat("status ", r.status, ": ", r.body);
  google::rpc::Status status;
  if (!google::protobuf::util::JsonStringToMessage(r.body, &status).ok()) {
    return "400 without a google.rpc.Status body: " + r.body;
  }
  for (const auto& any : status.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) {
      if (Names(v.field(), leaf)) return "";
      if (body_level && v.field() == "body") return "";
    }
  }
  return "400 not naming the field: " + r.body;
}

// A plain, valid value for a companion field the server asks for (as
// JSON): timestamps a day apart so that a window [start, end) is valid,
// days likewise for fields named *date, geometries a point in Kaohsiung
// (every pwis request Struct is a GeoJSON geometry), messages empty.
google::protobuf::Value PlainJson(const FieldDescriptor* f) {
  google::protobuf::Value v;
  const Descriptor* m = f->message_type();
  if (IsTimeType(m, "google.protobuf.Timestamp")) {
    v.set_string_value(absl::StrContains(f->name(), "end")
                           ? "2026-03-11T10:00:00Z"
                           : "2026-03-10T10:00:00Z");
  } else if (IsTimeType(m, "google.protobuf.Struct")) {
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(
                    R"({"type":"Point","coordinates":[120.3015,22.6205]})",
                    v.mutable_struct_value())
                    .ok());
  } else if (m != nullptr) {
    v.mutable_struct_value();
  } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
             absl::EndsWith(f->name(), "date")) {
    // Calendar days ("YYYY-MM-DD"), an end a day after its start.
    v.set_string_value(absl::StrContains(f->name(), "end") ? "2026-03-11"
                                                           : "2026-03-10");
  } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    v.set_string_value(PlainValue(f));
  } else {
    v.set_number_value(1);
  }
  return v;
}

// Sets the companion at proto path `path` of `d` in `body` (by JSON
// names); false if the path names no field.
bool AddCompanion(const Descriptor* d, const std::string& path,
                  google::protobuf::Struct* body) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f =
        d == nullptr ? nullptr : d->FindFieldByName(parts[i]);
    if (f == nullptr || f->is_repeated()) return false;
    auto& slot = (*body->mutable_fields())[f->json_name()];
    if (i + 1 == parts.size()) {
      slot = PlainJson(f);
      return true;
    }
    body = slot.mutable_struct_value();
    d = f->message_type();
  }
  return false;
}

// JSON text of `s` quoted as a JSON string (bytes that are not UTF-8 are
// kept as they are: the body as a whole is then invalid).
std::string JsonQuoted(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// A JSON object: `base`'s members, with `raw` (JSON text) at `path` (JSON
// names) in place of whatever base had there.
std::string BodyWith(const google::protobuf::Struct& base,
                     const std::vector<std::string>& path, size_t at,
                     const std::string& raw) {
  std::string out = "{";
  for (const auto& [key, value] : base.fields()) {
    if (at < path.size() && key == path[at]) continue;
    std::string json;
    EXPECT_TRUE(google::protobuf::util::MessageToJsonString(value, &json).ok());
    absl::StrAppend(&out, out.size() > 1 ? "," : "", JsonQuoted(key), ":",
                    json);
  }
  if (at < path.size()) {
    std::string inner = raw;
    if (at + 1 < path.size()) {
      auto it = base.fields().find(path[at]);
      google::protobuf::Struct nested;
      if (it != base.fields().end() && it->second.has_struct_value()) {
        nested = it->second.struct_value();
      }
      inner = BodyWith(nested, path, at + 1, raw);
    }
    absl::StrAppend(&out, out.size() > 1 ? "," : "", JsonQuoted(path[at]), ":",
                    inner);
  }
  return out + "}";
}

// Whether `leaf` travels in `route`'s body, and its JSON path there.
bool InBody(const gateway::Route& route, const Leaf& leaf,
            std::vector<std::string>* json_path) {
  std::vector<std::string> parts = absl::StrSplit(leaf.json_path, '.');
  if (route.body == "*") {
    *json_path = parts;
    return true;
  }
  if (route.body.empty()) return false;
  std::vector<std::string> proto = absl::StrSplit(leaf.proto_path, '.');
  if (proto[0] != route.body) return false;
  if (parts.size() == 1) return false;  // The body is the field itself.
  json_path->assign(parts.begin() + 1, parts.end());
  return true;
}

TEST_F(HostileInputTest, EveryHttpRouteAndQueryField) {
  absl::StatusOr<std::vector<gateway::Route>> routes =
      gateway::LoadRoutes(PwisServices());
  ASSERT_TRUE(routes.ok()) << routes.status();
  ASSERT_GE(routes->size(), 6u);
  int probes = 0, body_probes = 0;
  for (const gateway::Route& route : *routes) {
    const Descriptor* input = route.method->input_type();
    std::vector<Leaf> leaves;
    Leaves(input, "", "", 0, leaves);
    // A body holding just what the method requires, with plain values:
    // the company a repeated field's values keep below.
    google::protobuf::Struct required;
    if (!route.body.empty()) {
      for (int round = 0; round < 5; ++round) {
        HttpResult r = Fetch(server_->http_port(), route.http_method,
                             PathOf(route, "", ""), HeadersFor(route),
                             BodyWith(required, {}, 0, ""));
        google::rpc::Status status;
        if (r.status != 400 ||
            !google::protobuf::util::JsonStringToMessage(r.body, &status)
                 .ok()) {
          break;
        }
        bool added = false;
        for (const std::string& m : MissingCompanions(status)) {
          added = AddCompanion(input, m, &required) || added;
        }
        if (!added) break;
      }
    }
    for (const Leaf& leaf : leaves) {
      bool in_path = PathBound(route, leaf.proto_path);
      std::vector<std::string> body_path;
      bool in_body = !in_path && InBody(route, leaf, &body_path);
      bool is_struct =
          IsTimeType(leaf.field->message_type(), "google.protobuf.Struct");
      if (is_struct && !in_body) continue;  // No text form in a URL.
      if (!route.body.empty() && !in_body && route.body != "*" &&
          leaf.proto_path.rfind(route.body, 0) == 0) {
        continue;  // The body field itself (a scalar body): not generated.
      }
      // Companions the server asked for: a JSON body, or query text.
      google::protobuf::Struct companions;
      std::string more_query;
      auto send = [&](const Hostile& h, std::string* target) {
        *target = PathOf(route, leaf.proto_path, h.text);
        if (in_body) {
          std::string raw = h.raw_json ? h.text
                            : leaf.field->is_repeated()
                                ? absl::StrCat("[", JsonQuoted(h.text), "]")
                                : JsonQuoted(h.text);
          std::string body = BodyWith(companions, body_path, 0, raw);
          return Fetch(server_->http_port(), route.http_method,
                       *target + more_query, HeadersFor(route), body);
        }
        if (!in_path) {
          absl::StrAppend(target, "?", leaf.json_path, "=",
                          PercentEncode(h.text));
        }
        std::string t = *target + more_query;
        if (in_path && !more_query.empty()) {
          t = *target + "?" + more_query.substr(1);
        }
        // A path value of a route whose body is the request: the
        // companions go in the body.
        return Fetch(server_->http_port(), route.http_method, t,
                     HeadersFor(route),
                     route.body == "*" ? BodyWith(companions, {}, 0, "") : "");
      };
      for (const Hostile& h : TextValues(leaf.field)) {
        if (in_path && h.text.empty()) continue;  // Another path.
        companions.Clear();
        more_query.clear();
        std::string target;
        HttpResult r = send(h, &target);
        // A field that needs companions (lng with lat and radius_m, a
        // window's end with its start): add each one the server names as
        // required, with a plain value.
        for (int round = 0; round < 4 && r.status == 400; ++round) {
          google::rpc::Status status;
          if (!google::protobuf::util::JsonStringToMessage(r.body, &status)
                   .ok()) {
            break;
          }
          bool added = false;
          for (const std::string& m : MissingCompanions(status)) {
            if (m == leaf.proto_path) continue;
            if (in_body || route.body == "*") {
              added = AddCompanion(input, m, &companions) || added;
            } else if (const FieldDescriptor* f = input->FindFieldByName(m)) {
              absl::StrAppend(&more_query, "&", m, "=", PlainValue(f));
              added = true;
            }
          }
          if (!added) break;
          r = send(h, &target);
        }
        bool body_level =
            in_body && !gateway::IsValidUtf8(h.text) && !h.raw_json;
        std::string wrong = JudgeHttp(r, leaf, h, body_level);
        EXPECT_EQ(wrong, "")
            << route.http_method << " " << route.path.ToString() << " "
            << leaf.json_path << " = " << Describe(h);
        ++probes;
        body_probes += in_body;
        if (!server_->running()) {
          FAIL() << "pwis-server died on " << target.substr(0, 200);
        }
      }
      // Repeated fields: many values, then each refused value among good
      // ones (it must still be refused, naming the field).
      if (leaf.field->is_repeated() && !in_path) {
        std::string many = PathOf(route, "", "");
        std::string body;
        if (in_body) {
          std::string list = "[";
          for (int i = 0; i < 300; ++i)
            absl::StrAppend(&list, i ? "," : "", "\"1\"");
          body = BodyWith(required, body_path, 0, list + "]");
        } else {
          many += "?";
          for (int i = 0; i < 300; ++i) {
            absl::StrAppend(&many, leaf.json_path, "=1&");
          }
        }
        HttpResult r = Fetch(server_->http_port(), route.http_method, many,
                             HeadersFor(route), body);
        EXPECT_LT(r.status, 500) << leaf.json_path << " x300: " << r.body;
        EXPECT_GT(r.status, 0) << r.error;
        for (const Hostile& h : TextValues(leaf.field)) {
          if (!h.must_refuse) continue;
          std::string mixed = PathOf(route, "", "");
          std::string mixed_body;
          if (in_body) {
            mixed_body =
                BodyWith(required, body_path, 0,
                         absl::StrCat("[\"1\",",
                                      h.raw_json ? h.text : JsonQuoted(h.text),
                                      ",\"2\"]"));
          } else {
            absl::StrAppend(&mixed, "?", leaf.json_path, "=1&", leaf.json_path,
                            "=", PercentEncode(h.text), "&", leaf.json_path,
                            "=2");
          }
          HttpResult m = Fetch(server_->http_port(), route.http_method, mixed,
                               HeadersFor(route), mixed_body);
          bool body_level =
              in_body && !gateway::IsValidUtf8(h.text) && !h.raw_json;
          EXPECT_EQ(JudgeHttp(m, leaf, h, body_level), "")
              << leaf.json_path << " among good values: " << Describe(h);
        }
      }
    }
    ExpectAlive(route.grpc_method);
  }
  EXPECT_GT(probes, 200);
  // Every route with a body was probed through it.
  for (const gateway::Route& route : *routes) {
    if (!route.body.empty()) {
      EXPECT_GT(body_probes, 50) << route.grpc_method;
    }
  }
}

// Sends `request` as the one message of a call to `method` and reads
// every answer (unary and server-streaming alike).
grpc::Status RawCall(grpc::GenericStub& stub, const std::string& method,
                     const std::string& bytes, const std::string& key = "") {
  grpc::ClientContext ctx;
  if (!key.empty()) ctx.AddMetadata("authorization", "Bearer " + key);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(&ctx, method, &cq);
  void* tag;
  bool ok;
  call->StartCall(reinterpret_cast<void*>(1));
  cq.Next(&tag, &ok);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer buffer(&slice, 1);
  call->Write(buffer, reinterpret_cast<void*>(2));
  cq.Next(&tag, &ok);
  call->WritesDone(reinterpret_cast<void*>(3));
  cq.Next(&tag, &ok);
  grpc::ByteBuffer response;
  for (int i = 0; i < 100000; ++i) {
    call->Read(&response, reinterpret_cast<void*>(4));
    cq.Next(&tag, &ok);
    if (!ok) break;
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  cq.Next(&tag, &ok);
  return status;
}

struct Set {
  std::function<void(Message*, const FieldDescriptor*)> apply;
  bool must_refuse;
  std::string label;
};

// Hostile values set directly on the message, as a gRPC client can.
std::vector<Set> WireValues(const FieldDescriptor* f) {
  using google::protobuf::Reflection;
  std::vector<Set> v;
  auto add = [&](bool refuse, std::string label, auto fn) {
    v.push_back({fn, refuse, std::move(label)});
  };
  const Descriptor* m = f->message_type();
  bool rep = f->is_repeated();
  auto msg = [rep](Message* target, const FieldDescriptor* fd) {
    const Reflection* r = target->GetReflection();
    return rep ? r->AddMessage(target, fd) : r->MutableMessage(target, fd);
  };
  if (IsTimeType(m, "google.protobuf.Timestamp") ||
      IsTimeType(m, "google.protobuf.Duration")) {
    bool ts = IsTimeType(m, "google.protobuf.Timestamp");
    auto time = [msg](int64_t s, int32_t n) {
      return [msg, s, n](Message* t, const FieldDescriptor* fd) {
        Message* sub = msg(t, fd);
        const Descriptor* d = sub->GetDescriptor();
        sub->GetReflection()->SetInt64(sub, d->FindFieldByName("seconds"), s);
        sub->GetReflection()->SetInt32(sub, d->FindFieldByName("nanos"), n);
      };
    };
    add(true, "seconds far below range", time(-99999999999999, 0));
    add(true, "seconds far above range", time(99999999999999, 0));
    add(true, "nanos too big", time(0, 1000000000));
    add(true, "nanos -1 with positive seconds", time(ts ? 0 : 5, -1));
    add(true, "int64 minimum", time(std::numeric_limits<int64_t>::min(), 0));
    return v;
  }
  if (IsTimeType(m, "google.protobuf.Struct")) {
    // GeoJSON geometries (see GeometryValues), and numbers JSON cannot
    // carry but a protobuf Value can.
    // `json`, its first coordinate replaced by `patch` when given.
    auto geometry = [msg](std::string json, std::optional<double> patch) {
      return [msg, json, patch](Message* t, const FieldDescriptor* fd) {
        auto* g = static_cast<google::protobuf::Struct*>(msg(t, fd));
        if (!google::protobuf::util::JsonStringToMessage(json, g).ok()) return;
        auto& c = (*g->mutable_fields())["coordinates"];
        if (patch && c.has_list_value() && c.list_value().values_size() > 0) {
          c.mutable_list_value()->mutable_values(0)->set_number_value(*patch);
        }
      };
    };
    for (const Hostile& h : GeometryValues()) {
      if (!h.text.empty() && h.text[0] == '{') {
        add(h.must_refuse, h.label, geometry(h.text, std::nullopt));
      }
    }
    const std::string point = R"({"type":"Point","coordinates":[120.3,22.6]})";
    add(true, "Infinity longitude",
        geometry(point, std::numeric_limits<double>::infinity()));
    add(true, "largest longitude",
        geometry(point, std::numeric_limits<double>::max()));
    add(true, "NaN longitude", geometry(point, std::nan("")));
    add(true, "NUL in type", [msg](Message* t, const FieldDescriptor* fd) {
      auto* g = static_cast<google::protobuf::Struct*>(msg(t, fd));
      (*g->mutable_fields())["type"].set_string_value(
          std::string("Point\0", 6));
    });
    return v;
  }
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      auto str = [rep](std::string s) {
        return [rep, s](Message* t, const FieldDescriptor* fd) {
          rep ? t->GetReflection()->AddString(t, fd, s)
              : t->GetReflection()->SetString(t, fd, s);
        };
      };
      add(true, "NUL", str(std::string("\0", 1)));
      add(true, "leading NUL", str(std::string("\0\xe4\xb8\xad", 4)));
      add(true, "trailing NUL", str(std::string("\xe4\xb8\xad\0", 4)));
      add(false, "empty", str(""));
      add(false, "1 MB", str(std::string(1 << 20, 'x')));
      break;
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      auto num = [rep](int64_t x) {
        return [rep, x](Message* t, const FieldDescriptor* fd) {
          const Reflection* r = t->GetReflection();
          switch (fd->cpp_type()) {
            case FieldDescriptor::CPPTYPE_INT32:
              rep ? r->AddInt32(t, fd, static_cast<int32_t>(x))
                  : r->SetInt32(t, fd, static_cast<int32_t>(x));
              break;
            case FieldDescriptor::CPPTYPE_INT64:
              rep ? r->AddInt64(t, fd, x) : r->SetInt64(t, fd, x);
              break;
            case FieldDescriptor::CPPTYPE_UINT32:
              rep ? r->AddUInt32(t, fd, static_cast<uint32_t>(x))
                  : r->SetUInt32(t, fd, static_cast<uint32_t>(x));
              break;
            default:
              rep ? r->AddUInt64(t, fd, static_cast<uint64_t>(x))
                  : r->SetUInt64(t, fd, static_cast<uint64_t>(x));
          }
        };
      };
      add(false, "-1", num(-1));
      add(false, "minimum", num(std::numeric_limits<int64_t>::min()));
      add(false, "maximum", num(std::numeric_limits<int64_t>::max()));
      add(false, "int32 minimum", num(std::numeric_limits<int32_t>::min()));
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      auto dbl = [rep](double x) {
        return [rep, x](Message* t, const FieldDescriptor* fd) {
          const Reflection* r = t->GetReflection();
          if (fd->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
            rep ? r->AddFloat(t, fd, static_cast<float>(x))
                : r->SetFloat(t, fd, static_cast<float>(x));
          } else {
            rep ? r->AddDouble(t, fd, x) : r->SetDouble(t, fd, x);
          }
        };
      };
      add(false, "NaN", dbl(std::nan("")));
      add(false, "+Inf", dbl(std::numeric_limits<double>::infinity()));
      add(false, "-Inf", dbl(-std::numeric_limits<double>::infinity()));
      add(false, "max", dbl(std::numeric_limits<double>::max()));
      add(false, "denormal", dbl(std::numeric_limits<double>::denorm_min()));
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      auto en = [rep](int x) {
        return [rep, x](Message* t, const FieldDescriptor* fd) {
          rep ? t->GetReflection()->AddEnumValue(t, fd, x)
              : t->GetReflection()->SetEnumValue(t, fd, x);
        };
      };
      add(true, "99", en(99));
      add(true, "-1", en(-1));
      add(true, "int32 max", en(std::numeric_limits<int32_t>::max()));
      break;
    }
    default:
      break;
  }
  return v;
}

// Sets a plain value (see PlainJson) at proto path `path` of `request`,
// creating the messages on the way; false if the path names no field.
bool SetPlain(Message* request, const std::string& path) {
  google::protobuf::Struct json;
  if (!AddCompanion(request->GetDescriptor(), path, &json)) return false;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(json, &text).ok()) {
    return false;
  }
  std::unique_ptr<Message> plain(request->New());
  if (!google::protobuf::util::JsonStringToMessage(text, plain.get()).ok()) {
    return false;
  }
  request->MergeFrom(*plain);
  return true;
}

// Sets the leaf's value in `request`, creating the messages on its path.
void SetLeaf(Message* request, const Leaf& leaf, const Set& set) {
  Message* m = request;
  std::vector<std::string> parts = absl::StrSplit(leaf.proto_path, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    const FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(parts[i]);
    m = m->GetReflection()->MutableMessage(m, f);
  }
  set.apply(m, leaf.field);
}

TEST_F(HostileInputTest, EveryGrpcMethodAndField) {
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                          grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  int probes = 0;
  for (const auto* service : PwisServices()) {
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* method = service->method(i);
      std::string path =
          absl::StrCat("/", service->full_name(), "/", method->name());
      const std::string key = IsWrite(path) ? *writer_key_ : "";
      std::vector<Leaf> leaves;
      Leaves(method->input_type(), "", "", 0, leaves);
      const Message* prototype =
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(
              method->input_type());
      for (const Leaf& leaf : leaves) {
        for (const Set& set : WireValues(leaf.field)) {
          std::unique_ptr<Message> request(prototype->New());
          SetLeaf(request.get(), leaf, set);
          std::string bytes;
          ASSERT_TRUE(request->SerializeToString(&bytes));
          grpc::Status s = RawCall(stub, path, bytes, key);
          // Companions the server names as required get plain values.
          for (int round = 0;
               round < 3 &&
               s.error_code() == grpc::StatusCode::INVALID_ARGUMENT;
               ++round) {
            google::rpc::Status details;
            if (!details.ParseFromString(s.error_details())) break;
            bool added = false;
            for (const std::string& m : MissingCompanions(details)) {
              if (m == leaf.proto_path) continue;
              added = SetPlain(request.get(), m) || added;
            }
            if (!added) break;
            bytes.clear();
            ASSERT_TRUE(request->SerializeToString(&bytes));
            s = RawCall(stub, path, bytes, key);
          }
          ++probes;
          std::string what =
              absl::StrCat(path, " ", leaf.proto_path, " = ", set.label, ": ",
                           s.error_code(), " ", s.error_message());
          ASSERT_TRUE(server_->running()) << "pwis-server died on " << what;
          switch (s.error_code()) {
            case grpc::StatusCode::OK:
              EXPECT_FALSE(set.must_refuse) << "accepted: " << what;
              break;
            case grpc::StatusCode::NOT_FOUND:
              EXPECT_FALSE(set.must_refuse) << what;
              break;
            case grpc::StatusCode::INVALID_ARGUMENT: {
              google::rpc::Status details;
              google::rpc::BadRequest bad;
              bool named = false;
              if (details.ParseFromString(s.error_details())) {
                for (const auto& any : details.details()) {
                  if (!any.UnpackTo(&bad)) continue;
                  for (const auto& v : bad.field_violations()) {
                    named = named || Names(v.field(), leaf);
                  }
                }
              }
              EXPECT_TRUE(named) << "not naming the field: " << what;
              break;
            }
            default:
              ADD_FAILURE() << what;
          }
        }
      }
      ExpectAlive(path);
    }
  }
  EXPECT_GT(probes, 100);
}

}  // namespace
}  // namespace pwis::testing
