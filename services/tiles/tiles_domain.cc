#include "services/tiles/tiles_domain.h"

#include "gis/store/districts_store.h"
#include "gis/store/no_dig_zones_store.h"
#include "gis/store/permits_store.h"
#include "gis/store/projects_store.h"
#include "gis/store/roadworks_store.h"
#include "services/tiles/tile_service.h"

namespace pwis::tiles {
namespace {

using TS = pwis::v1::TileService;

class Registration
    : public TS::WithRawMethod_ListTileLayers<TS::WithRawMethod_GetTileJson<
          TS::WithRawMethod_GetTile<TS::Service>>> {};

class TilesDomain final : public Domain {
 public:
  explicit TilesDomain(const DomainContext& c)
      : projects_(store::ProjectsTileLayer(c.behind)),
        store_(c.pool, c.changes),
        impl_(&store_, TileLayers({&store::RoadWorksTileLayer(),
                                   &store::PermitsTileLayer(),
                                   &store::NoDigZonesTileLayer(), &projects_,
                                   &store::DistrictsTileLayer(),
                                   &store::VillagesTileLayer()})) {}

  std::vector<grpc::Service*> Services() override { return {&async_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = TileServiceImpl;
    // Tiles are the read cache's main users: kept until a change to any
    // table is heard, per minute for "now" (see response_cache.h).
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&async_, &Registration::RequestListTileLayers, &impl_,
          &S::ListTileLayers, kRead);
    d.Add(&async_, &Registration::RequestGetTileJson, &impl_, &S::GetTileJson,
          kRead);
    d.Add(&async_, &Registration::RequestGetTile, &impl_, &S::GetTile, kRead);
  }

 private:
  const store::TileLayer projects_;  // Its behind levels are configured.
  store::VectorTilesStore store_;
  TileServiceImpl impl_;
  Registration async_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<TilesDomain>(context);
}

}  // namespace pwis::tiles
