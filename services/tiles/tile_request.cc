#include "services/tiles/tile_request.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::tiles {
namespace {

// The row: digits without a sign or leading zeros (as the gateway reads
// the other coordinates), then ".mvt" or nothing.
absl::StatusOr<int> ParseRow(const std::string& text) {
  if (text.empty()) return RequiredFields({"y"});
  absl::string_view digits = text;
  if (absl::EndsWith(digits, ".mvt")) digits.remove_suffix(4);
  int row = -1;
  const bool plain =
      !digits.empty() && digits.size() <= 9 &&
      std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit) &&
      (digits.size() == 1 || digits[0] != '0');
  if (plain) std::from_chars(digits.data(), digits.data() + digits.size(), row);
  if (row < 0) {
    return InvalidField("y", "expected the tile row, e.g. \"1234.mvt\"");
  }
  return row;
}

// `name` as `layer` stores it: the stored name, or the proto enum name.
const store::EnumEntry* StatusByName(const store::TileLayer& layer,
                                     const std::string& name) {
  // Compared as whole strings: a NUL inside must not end the name.
  const std::string prefix = layer.status_enum_prefix;
  for (const store::EnumEntry& e : layer.statuses) {
    if (name == e.name ||
        name == absl::StrCat(prefix, absl::AsciiStrToUpper(e.name))) {
      return &e;
    }
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<const store::TileLayer*> TileLayers::Find(
    const std::string& name) const {
  if (name.empty()) return RequiredFields({"layer"});
  for (const store::TileLayer* l : layers_) {
    if (name == l->name) return l;
  }
  std::vector<std::string> names;
  for (const store::TileLayer* l : layers_) names.push_back(l->name);
  return InvalidField(
      "layer", absl::StrCat("no tile layer '", name,
                            "' (layers: ", absl::StrJoin(names, ", "), ")"));
}

absl::StatusOr<store::TileQuery> ParseTileRequest(
    const pwis::v1::GetTileRequest& r, const store::TileLayer& layer,
    absl::Time now) {
  store::TileQuery q;
  if (r.z() < layer.minzoom || r.z() > layer.maxzoom) {
    return InvalidField(
        "z", absl::StrCat("layer ", layer.name, " has zooms ", layer.minzoom,
                          " to ", layer.maxzoom, ", not ", r.z()));
  }
  q.z = r.z();
  const int64_t tiles = int64_t{1} << q.z;
  if (r.x() < 0 || r.x() >= tiles) {
    return InvalidField("x", absl::StrCat("expected 0 to ", tiles - 1,
                                          " at zoom ", q.z, ", not ", r.x()));
  }
  q.x = r.x();
  absl::StatusOr<int> y = ParseRow(r.y());
  if (!y.ok()) return y.status();
  if (*y >= tiles) {
    return InvalidField("y", absl::StrCat("expected 0 to ", tiles - 1,
                                          " at zoom ", q.z, ", not ", *y));
  }
  q.y = *y;

  const TimeFields time{r.has_at() ? &r.at() : nullptr,
                        r.has_window_start() ? &r.window_start() : nullptr,
                        r.has_window_end() ? &r.window_end() : nullptr,
                        r.date(),
                        r.any_time(),
                        false};
  const bool time_given = time.at != nullptr || time.window_start != nullptr ||
                          time.window_end != nullptr || !time.date.empty() ||
                          time.any_time;
  if (layer.timed) {
    absl::StatusOr<TimeSelection> t = ParseTimeFields(time, now);
    if (!t.ok()) return t.status();
    q.time = t->filter;
    if (t->defaulted && layer.default_any_time) {
      q.time = store::TimeFilter{};  // kAny.
    } else if (t->defaulted) {
      q.time.at = absl::FromUnixSeconds(absl::ToUnixSeconds(now) / 60 * 60);
    }
  } else if (time_given) {
    const char* field = time.at != nullptr             ? "at"
                        : time.window_start != nullptr ? "window_start"
                        : time.window_end != nullptr   ? "window_end"
                        : !time.date.empty()           ? "date"
                                                       : "any_time";
    return InvalidField(
        field, absl::StrCat("layer ", layer.name, " has no time to filter by"));
  }

  for (int i = 0; i < r.status_size(); ++i) {
    const std::string field = absl::StrCat("status[", i, "]");
    if (layer.status_sql == nullptr) {
      return InvalidField(field, absl::StrCat("layer ", layer.name,
                                              " has no status to filter by"));
    }
    const store::EnumEntry* e = StatusByName(layer, r.status(i));
    if (e == nullptr) {
      std::vector<std::string> names;
      for (const store::EnumEntry& s : layer.statuses) names.push_back(s.name);
      return InvalidField(field, absl::StrCat("unknown status '", r.status(i),
                                              "' (", layer.name, ": ",
                                              absl::StrJoin(names, ", "), ")"));
    }
    q.statuses.push_back(e->name);
  }
  return q;
}

}  // namespace pwis::tiles
