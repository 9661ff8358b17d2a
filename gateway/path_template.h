// Path templates of google.api.http rules, and matching request paths
// against them.
//
// Grammar (google/api/http.proto):
//   Template = "/" Segments [ Verb ] ;
//   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   FieldPath = IDENT { "." IDENT } ;
//   Verb     = ":" LITERAL ;
// `{field}` means `{field=*}`. `**` (alone or in a variable) may only be the
// last segment and matches zero or more segments. Variables do not nest.
//
// Matching follows grpc-gateway: a variable bound to one segment is fully
// percent-decoded ("%2F" becomes "/"); a multi-segment binding keeps "%2F"
// encoded so that it stays distinguishable from a separator. A trailing
// slash is a segment of its own (empty), so "/v1/roadworks/" does not match
// "/v1/roadworks". When the template has a verb, the text after the last
// ':' of the last segment is the verb; otherwise a colon is ordinary text.
// Immutable after Parse; thread-safe.
#ifndef PWIS_GATEWAY_PATH_TEMPLATE_H_
#define PWIS_GATEWAY_PATH_TEMPLATE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pwis::gateway {

class PathTemplate {
 public:
  enum class SegmentKind { kLiteral, kSingle, kMulti };
  struct Segment {
    SegmentKind kind;
    std::string literal;  // For kLiteral.
  };
  // A variable covers segments [begin, end) of the template.
  struct Variable {
    std::string field_path;  // Dotted, e.g. "work.id".
    int begin;
    int end;
  };
  // A value bound by a match, for the request field `field_path`.
  struct Binding {
    std::string field_path;
    std::string value;
  };

  // Parses `text`; INVALID_ARGUMENT with the position and reason otherwise.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The bindings if `path` (percent-encoded, without query) matches;
  // nullopt if it does not (including malformed percent-escapes).
  std::optional<std::vector<Binding>> Match(absl::string_view path) const;

  // Orders templates by specificity, for choosing among several matches:
  // negative if this one is more specific than `other`. Segment by segment
  // a literal beats a variable segment, which beats "**"; then the longer
  // one; then one with a verb beats one without. A strict weak ordering.
  int CompareSpecificity(const PathTemplate& other) const;

  // The canonical text: "{x=*}" is written "{x}".
  std::string ToString() const;

  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Variable>& variables() const { return variables_; }
  const std::string& verb() const { return verb_; }

 private:
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

// Decodes %XX escapes; when `keep_slash`, "%2F"/"%2f" stay as they are.
// nullopt on a malformed escape.
std::optional<std::string> PercentDecode(absl::string_view s, bool keep_slash);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_PATH_TEMPLATE_H_
