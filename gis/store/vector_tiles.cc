#include "gis/store/vector_tiles.h"

#include "absl/strings/str_cat.h"

namespace pwis::store {

Statement TileStatement(const TileLayer& layer, const TileQuery& query) {
  SqlBuilder q;
  const std::string z = q.Param(static_cast<long long>(query.z), "int");
  const std::string x = q.Param(static_cast<long long>(query.x), "int");
  const std::string y = q.Param(static_cast<long long>(query.y), "int");
  const std::string a = layer.alias;
  // The rows are found by the buffered tile in WGS84, the table's SRID,
  // so its GiST index serves; the geometry is clipped to the buffer.
  q.Where(absl::StrCat(a, ".geom && env.search"));
  if (layer.timed) {
    CommonFilter common;
    common.time = query.time;
    AddCommonConditions(q, a, common);
  }
  if (layer.status_sql != nullptr) {
    const std::vector<std::string>* statuses = &query.statuses;
    if (statuses->empty()) statuses = layer.default_statuses;
    if (statuses != nullptr && !statuses->empty()) {
      q.Where(AnyOf(q, layer.status_sql, *statuses, layer.status_array_type));
    }
  }
  std::string attributes;
  for (const FeatureProperty& p : layer.attributes) {
    absl::StrAppend(&attributes, ", ", p.sql, " AS \"", p.name, "\"");
  }
  // The buffered envelope is cut to the Mercator world first: past its
  // east or west edge, the transform would wrap to the other side.
  std::string sql = absl::StrCat(
      "WITH env AS (SELECT ST_TileEnvelope(", z, ", ", x, ", ", y,
      ") AS tile, ST_Transform(ST_Intersection(ST_TileEnvelope(", z, ", ", x,
      ", ", y, ", margin => ", kTileBuffer, ".0 / ", kTileExtent,
      "), ST_MakeEnvelope(-20037508.342789244, -20037508.342789244, "
      "20037508.342789244, 20037508.342789244, 3857)), 4326) AS search)\n"
      "SELECT coalesce(ST_AsMVT(t, '",
      layer.name, "', ", kTileExtent,
      ", 'geom', 'id'), ''::bytea), count(*) FROM (\n  SELECT * FROM (SELECT ",
      layer.id_sql, " AS id, ST_AsMVTGeom(ST_Transform(", a,
      ".geom, 3857), env.tile, ", kTileExtent, ", ", kTileBuffer,
      ", true) AS geom", attributes, layer.from, ", env", q.WhereClause(),
      ") f WHERE f.geom IS NOT NULL LIMIT ", kMaxTileFeatures + 1, "\n) t");
  return {std::move(sql), q.params()};
}

absl::StatusOr<std::string> VectorTilesStore::Tile(const TileLayer& layer,
                                                   const TileQuery& query,
                                                   const CallLimit& limit) {
  const auto over_cap = [] {
    return absl::ResourceExhaustedError(
        absl::StrCat("more than ", kMaxTileFeatures, " features in the tile"));
  };
  Statement st = TileStatement(layer, query);
  // The statement's text and parameters decide the tile.
  std::string key = st.sql;
  for (const std::string& p : st.params) absl::StrAppend(&key, "\x1f", p);
  const uint64_t generation = over_cap_.Now();
  if (over_cap_.Find(key, generation)) return over_cap();
  bool counted_over = false;  // Not any RESOURCE_EXHAUSTED: the count.
  absl::StatusOr<std::string> tile = Query<std::string>(
      limit, "tile", st,
      [&](const pqxx::result& r) -> absl::StatusOr<std::string> {
        if (r[0][1].as<int64_t>() > kMaxTileFeatures) {
          counted_over = true;
          return over_cap();
        }
        return WkbBytes(r[0][0]);  // bytea as its bytes.
      });
  if (counted_over) over_cap_.Remember(key, generation, true);
  return tile;
}

absl::StatusOr<std::optional<BoundingBox>> VectorTilesStore::CityBounds(
    const CallLimit& limit) {
  using Result = std::optional<BoundingBox>;
  return Query<Result>(
      limit, "tile_bounds",
      {"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
       "(SELECT ST_Extent(geom) AS e FROM districts) x",
       {}},
      [](const pqxx::result& r) -> absl::StatusOr<Result> {
        if (r.empty() || r[0][0].is_null()) return Result();
        return Result(BoundingBox{r[0][0].as<double>(), r[0][1].as<double>(),
                                  r[0][2].as<double>(), r[0][3].as<double>()});
      });
}

}  // namespace pwis::store
