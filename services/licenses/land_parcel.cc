#include "services/licenses/land_parcel.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "importers/text.h"

namespace pwis::licenses {
namespace {

constexpr char kForm[] =
    "expected a land section and parcel number, e.g. 苓雅段123-4 or "
    "苓雅段 0123-0004";

bool Number(absl::string_view s, int min, int* out) {
  return !s.empty() && s.size() <= 4 && absl::SimpleAtoi(s, out) && *out >= min;
}

}  // namespace

absl::Status ParseParcelNumber(absl::string_view text, ParcelNumber* out) {
  const std::string half = importers::ToHalfWidth(text);
  absl::string_view v = importers::TrimSpace(half);
  for (absl::string_view tail : {"地號", "號"}) {
    if (absl::EndsWith(v, tail)) {
      v.remove_suffix(tail.size());
      break;
    }
  }
  v = importers::TrimSpace(v);
  absl::string_view mother = v, child;
  if (size_t dash = v.find('-'); dash != absl::string_view::npos) {
    mother = v.substr(0, dash);
    child = v.substr(dash + 1);
    if (!Number(child, 0, &out->child)) {
      return absl::InvalidArgumentError(kForm);
    }
  } else if (v.size() == 8) {  // 01230004: mother and child, 4 digits each
    mother = v.substr(0, 4);
    if (!Number(v.substr(4), 0, &out->child)) {
      return absl::InvalidArgumentError(kForm);
    }
  } else {
    out->child = 0;
  }
  if (!Number(mother, 1, &out->mother)) {
    return absl::InvalidArgumentError(kForm);
  }
  return absl::OkStatus();
}

absl::StatusOr<ParcelNumber> ParseParcel(absl::string_view text) {
  const std::string half = importers::ToHalfWidth(text);
  absl::string_view v = importers::TrimSpace(half);
  // The number: the trailing digits and dash, before an optional 地號.
  absl::string_view body = v;
  for (absl::string_view tail : {"地號", "號"}) {
    if (absl::EndsWith(body, tail)) {
      body.remove_suffix(tail.size());
      break;
    }
  }
  body = importers::TrimSpace(body);
  size_t start = body.size();
  while (start > 0 &&
         (absl::ascii_isdigit(body[start - 1]) || body[start - 1] == '-')) {
    --start;
  }
  ParcelNumber p;
  p.section = std::string(importers::TrimSpace(body.substr(0, start)));
  if (p.section.empty() || !absl::EndsWith(p.section, "段") ||
      start == body.size()) {
    return absl::InvalidArgumentError(kForm);
  }
  if (absl::Status s = ParseParcelNumber(body.substr(start), &p); !s.ok()) {
    return s;
  }
  return p;
}

}  // namespace pwis::licenses
