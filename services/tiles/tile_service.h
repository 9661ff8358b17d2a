// pwis.v1.TileService: vector tiles of every map layer, and TileJSON.
#ifndef PWIS_SERVICES_TILES_TILE_SERVICE_H_
#define PWIS_SERVICES_TILES_TILE_SERVICE_H_

#include "gis/store/vector_tiles.h"
#include "pwis/v1/tiles.grpc.pb.h"
#include "services/tiles/tile_request.h"

namespace pwis::tiles {

class TileServiceImpl final : public pwis::v1::TileService::Service {
 public:
  // `store` and the layers must outlive the service.
  TileServiceImpl(store::VectorTilesStore* store, TileLayers layers)
      : store_(store), layers_(std::move(layers)) {}

  grpc::Status ListTileLayers(grpc::ServerContext* context,
                              const pwis::v1::ListTileLayersRequest* request,
                              google::api::HttpBody* response) override;

  grpc::Status GetTileJson(grpc::ServerContext* context,
                           const pwis::v1::GetTileJsonRequest* request,
                           google::api::HttpBody* response) override;

  grpc::Status GetTile(grpc::ServerContext* context,
                       const pwis::v1::GetTileRequest* request,
                       google::api::HttpBody* response) override;

 private:
  // The TileJSON document of `layer`; tile URLs under `origin` (the HTTP
  // caller's scheme://host; "" gives paths).
  std::string TileJson(const store::TileLayer& layer,
                       const std::optional<store::BoundingBox>& bounds,
                       const std::string& origin) const;

  store::VectorTilesStore* store_;
  TileLayers layers_;
};

}  // namespace pwis::tiles

#endif  // PWIS_SERVICES_TILES_TILE_SERVICE_H_
