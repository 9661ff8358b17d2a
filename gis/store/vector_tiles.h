// Mapbox Vector Tiles (spec 2.1) of a table, built in PostGIS: the rows
// meeting an XYZ tile (Web Mercator, with a buffer) as one ST_AsMVT layer.
// Each domain store describes its own layer (a TileLayer: table, feature
// id, attributes, filters); VectorTilesStore runs any of them.
#ifndef PWIS_GIS_STORE_VECTOR_TILES_H_
#define PWIS_GIS_STORE_VECTOR_TILES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/change_memo.h"
#include "gis/store/enum_table.h"
#include "gis/store/feature_collection.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"

namespace pwis::store {

// Tile size in MVT coordinates, and the buffer kept around it (the same
// 1/64 MapLibre and Martin use, so lines and labels meet at tile edges).
inline constexpr int kTileExtent = 4096;
inline constexpr int kTileBuffer = 64;
inline constexpr int kMaxTileZoom = 22;
// More features than a map draws from one tile (and than a bounded answer
// holds): such a tile is refused, never cut short, so a map never shows
// part of a selection as if it were all of it.
inline constexpr int kMaxTileFeatures = 20000;

struct TileLayer {
  // The MVT layer name, also the layer's URL segment.
  const char* name = "";
  const char* description = "";
  // " FROM road_works r LEFT JOIN ...", main table `alias` with a `geom`
  // column (SRID 4326, GiST-indexed).
  const char* from = "";
  const char* alias = "";
  // An int8 expression: the feature id (the record's GET key where the
  // record has a numeric id).
  const char* id_sql = "";
  // Attributes: a name and an SQL expression over `from`'s aliases, of a
  // scalar type (text, number, boolean).
  std::vector<FeatureProperty> attributes;
  int minzoom = 0;
  int maxzoom = kMaxTileZoom;
  // The table follows the period / working hours / deleted_at conventions
  // (sql_fragments.h): time filters apply and deleted rows are left out.
  bool timed = false;
  // With no time asked for, any time (as ListProjects, whose planned
  // projects have no period yet) rather than in effect now.
  bool default_any_time = false;
  // The stored status column (e.g. "r.status") and its array type
  // ("road_work_status[]"); null for a layer without statuses.
  const char* status_sql = nullptr;
  const char* status_array_type = nullptr;
  EnumTable statuses;
  // What a tile without a status filter shows, as the layer's list does
  // (e.g. all but cancelled); null: every status.
  const std::vector<std::string>* default_statuses = nullptr;
  // Prefix of the proto enum names (e.g. "ROAD_WORK_STATUS_").
  const char* status_enum_prefix = nullptr;
};

// One tile of a layer; what the service checked (see tiles_request.h).
struct TileQuery {
  int z = 0, x = 0, y = 0;
  TimeFilter time;                    // Timed layers only.
  std::vector<std::string> statuses;  // Stored names; empty: any.
};

// The statement making the tile: one row, one bytea column.
Statement TileStatement(const TileLayer& layer, const TileQuery& query);

class VectorTilesStore : public StoreBase {
 public:
  // With `changes`, a tile found over the cap is remembered as such until
  // a change is heard: the read cache keeps answers, not refusals, and
  // finding that a dense tile is over the cap costs its whole statement.
  explicit VectorTilesStore(ConnectionPool* pool,
                            const ChangeListener* changes = nullptr)
      : StoreBase(pool), over_cap_(changes, 16384) {}

  // The tile's bytes; empty where no feature meets it. RESOURCE_EXHAUSTED
  // when more than kMaxTileFeatures meet it.
  absl::StatusOr<std::string> Tile(const TileLayer& layer,
                                   const TileQuery& query,
                                   const CallLimit& limit);

  // The city's extent (its districts'), which every layer's features lie
  // in; nullopt before districts are loaded.
  absl::StatusOr<std::optional<BoundingBox>> CityBounds(const CallLimit& limit);

 private:
  ChangeMemo<bool> over_cap_;  // By statement text and parameters.
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_VECTOR_TILES_H_
