#include "services/tiles/tile_service.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/common/grpc_util.h"

namespace pwis::tiles {
namespace {

// `text` as a JSON string (the layers' own names and descriptions).
std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string TileServiceImpl::TileJson(
    const store::TileLayer& layer,
    const std::optional<store::BoundingBox>& bounds,
    const std::string& origin) const {
  std::string fields;
  for (const store::FeatureProperty& a : layer.attributes) {
    absl::StrAppend(&fields, fields.empty() ? "" : ", ", JsonString(a.name),
                    ": \"\"");
  }
  std::string where;
  if (bounds) {
    const double lng = (bounds->min_lng + bounds->max_lng) / 2;
    const double lat = (bounds->min_lat + bounds->max_lat) / 2;
    where = absl::StrFormat(
        ", \"bounds\": [%.6f, %.6f, %.6f, %.6f], \"center\": [%.6f, %.6f, "
        "%d]",
        // Rounded outwards, so the bounds hold every feature.
        std::floor(bounds->min_lng * 1e6) / 1e6,
        std::floor(bounds->min_lat * 1e6) / 1e6,
        std::ceil(bounds->max_lng * 1e6) / 1e6,
        std::ceil(bounds->max_lat * 1e6) / 1e6, lng, lat,
        std::max(layer.minzoom, 12));
  }
  return absl::StrCat(
      "{\"tilejson\": \"3.0.0\", \"name\": ", JsonString(layer.name),
      ", \"description\": ", JsonString(layer.description),
      ", \"attribution\": ",
      JsonString("高雄市政府工務局 Kaohsiung City Public Works Bureau"),
      ", \"scheme\": \"xyz\", \"tiles\": [",
      JsonString(
          absl::StrCat(origin, "/v1/tiles/", layer.name, "/{z}/{x}/{y}.mvt")),
      "], \"minzoom\": ", layer.minzoom, ", \"maxzoom\": ", layer.maxzoom,
      where, ", \"vector_layers\": [{\"id\": ", JsonString(layer.name),
      ", \"description\": ", JsonString(layer.description),
      ", \"minzoom\": ", layer.minzoom, ", \"maxzoom\": ", layer.maxzoom,
      ", \"fields\": {", fields, "}}]}");
}

grpc::Status TileServiceImpl::ListTileLayers(
    grpc::ServerContext* context, const pwis::v1::ListTileLayersRequest*,
    google::api::HttpBody* response) {
  auto bounds = store_->CityBounds(WaitDeadline(*context));
  if (!bounds.ok()) return ToGrpcStatus(bounds.status());
  const std::string origin = RequestOrigin(*context);
  std::string json = "[";
  for (const store::TileLayer* layer : layers_.all()) {
    absl::StrAppend(&json, json.size() > 1 ? ",\n " : "",
                    TileJson(*layer, *bounds, origin));
  }
  response->set_content_type("application/json");
  response->set_data(json + "]");
  return grpc::Status::OK;
}

grpc::Status TileServiceImpl::GetTileJson(
    grpc::ServerContext* context, const pwis::v1::GetTileJsonRequest* request,
    google::api::HttpBody* response) {
  absl::StatusOr<const store::TileLayer*> layer =
      layers_.Find(request->layer());
  if (!layer.ok()) return ToGrpcStatus(layer.status());
  auto bounds = store_->CityBounds(WaitDeadline(*context));
  if (!bounds.ok()) return ToGrpcStatus(bounds.status());
  response->set_content_type("application/json");
  response->set_data(TileJson(**layer, *bounds, RequestOrigin(*context)));
  return grpc::Status::OK;
}

grpc::Status TileServiceImpl::GetTile(grpc::ServerContext* context,
                                      const pwis::v1::GetTileRequest* request,
                                      google::api::HttpBody* response) {
  absl::StatusOr<const store::TileLayer*> layer =
      layers_.Find(request->layer());
  if (!layer.ok()) return ToGrpcStatus(layer.status());
  absl::StatusOr<store::TileQuery> query =
      ParseTileRequest(*request, **layer, absl::Now());
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<std::string> tile =
      store_->Tile(**layer, *query, WaitDeadline(*context));
  if (absl::IsResourceExhausted(tile.status())) {
    // Too much for one tile at this zoom: the caller zooms in or narrows
    // the time or statuses.
    return ToGrpcStatus(InvalidField(
        "z", absl::StrCat(tile.status().message(),
                          " at this zoom: zoom in, or narrow the time or "
                          "statuses")));
  }
  if (!tile.ok()) return ToGrpcStatus(tile.status());
  response->set_content_type("application/vnd.mapbox-vector-tile");
  response->set_data(std::move(*tile));
  return grpc::Status::OK;
}

}  // namespace pwis::tiles
