// Validation of GetTileRequest: the layer, the tile's z/x/y within the
// layer's zoom range, and the filters the layer has (time, status). Every
// error is INVALID_ARGUMENT naming the field.
#ifndef PWIS_SERVICES_TILES_TILE_REQUEST_H_
#define PWIS_SERVICES_TILES_TILE_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/tiles.pb.h"

namespace pwis::tiles {

// The layers served, by name (unowned, outlive the set).
class TileLayers {
 public:
  explicit TileLayers(std::vector<const store::TileLayer*> layers)
      : layers_(std::move(layers)) {}

  // The layer named `name`; INVALID_ARGUMENT naming `layer` (and the
  // layers there are) otherwise.
  absl::StatusOr<const store::TileLayer*> Find(const std::string& name) const;

  const std::vector<const store::TileLayer*>& all() const { return layers_; }

 private:
  std::vector<const store::TileLayer*> layers_;
};

// The tile `r` asks for, at `now` (a defaulted time is `now` to the
// minute, as lists take it).
absl::StatusOr<store::TileQuery> ParseTileRequest(
    const pwis::v1::GetTileRequest& r, const store::TileLayer& layer,
    absl::Time now);

}  // namespace pwis::tiles

#endif  // PWIS_SERVICES_TILES_TILE_REQUEST_H_
