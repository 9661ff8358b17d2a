#include "gateway/path_template.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace pwis::gateway {
namespace {

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdent(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// Characters allowed in a literal: RFC 3986 pchar minus ':' (which starts a
// verb) plus percent-escapes.
bool IsLiteralChar(char c) {
  return IsIdent(c) || c == '-' || c == '.' || c == '~' || c == '%' ||
         c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' ||
         c == ')' || c == '+' || c == ',' || c == ';' || c == '@';
}

class Parser {
 public:
  explicit Parser(absl::string_view s) : s_(s) {}

  absl::Status Error(const std::string& why) const {
    return absl::InvalidArgumentError(
        absl::StrCat("path template \"", s_, "\": ", why, " at byte ", pos_));
  }
  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }

  // One segment outside a variable, or inside one when `in_variable`.
  absl::Status ParseSegment(std::vector<PathTemplate::Segment>& out) {
    if (Eat('*')) {
      out.push_back({Eat('*') ? PathTemplate::SegmentKind::kMulti
                              : PathTemplate::SegmentKind::kSingle,
                     ""});
      return absl::OkStatus();
    }
    size_t start = pos_;
    while (!AtEnd() && IsLiteralChar(Peek())) ++pos_;
    if (pos_ == start) return Error("expected a segment");
    absl::string_view lit = s_.substr(start, pos_ - start);
    if (!PercentDecode(lit, false)) return Error("malformed percent-escape");
    out.push_back({PathTemplate::SegmentKind::kLiteral, std::string(lit)});
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> ParseFieldPath() {
    std::string path;
    do {
      if (!IsIdentStart(Peek())) return Error("expected a field name");
      size_t start = pos_;
      while (!AtEnd() && IsIdent(Peek())) ++pos_;
      if (!path.empty()) path += '.';
      absl::StrAppend(&path, s_.substr(start, pos_ - start));
    } while (Eat('.'));
    return path;
  }

  absl::StatusOr<std::string> ParseVerb() {
    size_t start = pos_;
    while (!AtEnd() && IsLiteralChar(Peek())) ++pos_;
    if (pos_ == start) return Error("empty verb");
    return std::string(s_.substr(start, pos_ - start));
  }

 private:
  absl::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> PercentDecode(absl::string_view s, bool keep_slash) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;  // Needs two hex digits.
    auto hex = [](char c) {
      return c >= '0' && c <= '9'   ? c - '0'
             : c >= 'a' && c <= 'f' ? c - 'a' + 10
             : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                    : -1;
    };
    int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    char c = static_cast<char>(hi * 16 + lo);
    if (keep_slash && c == '/') {
      absl::StrAppend(&out, s.substr(i, 3));
    } else {
      out.push_back(c);
    }
    i += 2;
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  Parser p(text);
  if (!p.Eat('/')) return p.Error("must start with '/'");
  for (;;) {
    if (p.Eat('{')) {
      absl::StatusOr<std::string> field = p.ParseFieldPath();
      if (!field.ok()) return field.status();
      for (const Variable& v : t.variables_) {
        if (v.field_path == *field) return p.Error("field bound twice");
      }
      Variable v{*field, static_cast<int>(t.segments_.size()), 0};
      if (p.Eat('=')) {
        do {
          if (p.Peek() == '{') return p.Error("variables cannot nest");
          if (absl::Status s = p.ParseSegment(t.segments_); !s.ok()) return s;
        } while (p.Eat('/'));
      } else {
        t.segments_.push_back({SegmentKind::kSingle, ""});
      }
      if (!p.Eat('}')) return p.Error("expected '}'");
      v.end = static_cast<int>(t.segments_.size());
      t.variables_.push_back(std::move(v));
    } else if (absl::Status s = p.ParseSegment(t.segments_); !s.ok()) {
      return s;
    }
    if (p.Eat('/')) continue;
    if (p.Eat(':')) {
      absl::StatusOr<std::string> verb = p.ParseVerb();
      if (!verb.ok()) return verb.status();
      t.verb_ = *verb;
    }
    if (!p.AtEnd()) return p.Error("unexpected character");
    break;
  }
  for (size_t i = 0; i + 1 < t.segments_.size(); ++i) {
    if (t.segments_[i].kind == SegmentKind::kMulti) {
      return absl::InvalidArgumentError(absl::StrCat(
          "path template \"", text, "\": '**' must be the last segment"));
    }
  }
  return t;
}

std::optional<std::vector<PathTemplate::Binding>> PathTemplate::Match(
    absl::string_view path) const {
  if (path.empty() || path[0] != '/') return std::nullopt;
  path.remove_prefix(1);
  if (!verb_.empty()) {
    size_t slash = path.rfind('/');
    size_t colon = path.rfind(':');
    if (colon == absl::string_view::npos ||
        (slash != absl::string_view::npos && colon < slash) ||
        path.substr(colon + 1) != verb_) {
      return std::nullopt;
    }
    path = path.substr(0, colon);
  }
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  bool multi =
      !segments_.empty() && segments_.back().kind == SegmentKind::kMulti;
  size_t fixed = multi ? segments_.size() - 1 : segments_.size();
  if (multi ? parts.size() < fixed : parts.size() != fixed) return std::nullopt;
  // "/" alone splits into one empty part; "**" may match nothing.
  for (size_t i = 0; i < fixed; ++i) {
    const Segment& seg = segments_[i];
    if (seg.kind == SegmentKind::kLiteral) {
      std::optional<std::string> a = PercentDecode(parts[i], false);
      std::optional<std::string> b = PercentDecode(seg.literal, false);
      if (!a || *a != *b) return std::nullopt;
    } else if (parts[i].empty()) {
      return std::nullopt;  // A variable segment must not be empty.
    }
  }
  std::vector<Binding> out;
  for (const Variable& v : variables_) {
    bool var_multi =
        v.end - v.begin > 1 || segments_[v.begin].kind == SegmentKind::kMulti;
    size_t end = (v.end == static_cast<int>(segments_.size()) && multi)
                     ? parts.size()
                     : static_cast<size_t>(v.end);
    std::vector<std::string> decoded;
    for (size_t i = v.begin; i < end; ++i) {
      std::optional<std::string> d = PercentDecode(parts[i], var_multi);
      if (!d) return std::nullopt;
      decoded.push_back(std::move(*d));
    }
    out.push_back({v.field_path, absl::StrJoin(decoded, "/")});
  }
  // Segments outside variables still need well-formed escapes.
  for (size_t i = fixed; i < parts.size(); ++i) {
    if (!PercentDecode(parts[i], true)) return std::nullopt;
  }
  return out;
}

int PathTemplate::CompareSpecificity(const PathTemplate& other) const {
  auto rank = [](SegmentKind k) {
    return k == SegmentKind::kLiteral ? 0 : k == SegmentKind::kSingle ? 1 : 2;
  };
  // Lexicographic over the segments' ranks (a longer template before its
  // prefix), then a verb before none: a strict weak ordering, as sorting
  // requires.
  size_t n = std::min(segments_.size(), other.segments_.size());
  for (size_t i = 0; i < n; ++i) {
    int a = rank(segments_[i].kind), b = rank(other.segments_[i].kind);
    if (a != b) return a - b;
  }
  if (segments_.size() != other.segments_.size()) {
    return static_cast<int>(other.segments_.size()) -
           static_cast<int>(segments_.size());
  }
  if (verb_.empty() != other.verb_.empty()) return verb_.empty() ? 1 : -1;
  return 0;
}

std::string PathTemplate::ToString() const {
  std::vector<std::string> parts;
  auto seg_text = [](const Segment& s) {
    return s.kind == SegmentKind::kLiteral  ? s.literal
           : s.kind == SegmentKind::kSingle ? std::string("*")
                                            : std::string("**");
  };
  size_t i = 0;
  size_t var = 0;
  while (i < segments_.size()) {
    if (var < variables_.size() &&
        static_cast<size_t>(variables_[var].begin) == i) {
      const Variable& v = variables_[var++];
      if (v.end - v.begin == 1 && segments_[i].kind == SegmentKind::kSingle) {
        parts.push_back(absl::StrCat("{", v.field_path, "}"));
      } else {
        std::vector<std::string> inner;
        for (int k = v.begin; k < v.end; ++k)
          inner.push_back(seg_text(segments_[k]));
        parts.push_back(absl::StrCat("{", v.field_path, "=",
                                     absl::StrJoin(inner, "/"), "}"));
      }
      i = v.end;
    } else {
      parts.push_back(seg_text(segments_[i++]));
    }
  }
  std::string out = "/" + absl::StrJoin(parts, "/");
  if (!verb_.empty()) absl::StrAppend(&out, ":", verb_);
  return out;
}

}  // namespace pwis::gateway
