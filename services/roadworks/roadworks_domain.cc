#include "services/roadworks/roadworks_domain.h"

#include "gis/store/roadworks_store.h"
#include "services/common/request_checks.h"
#include "services/roadworks/roadwork_service.h"

namespace pwis::roadworks {
namespace {

using RW = pwis::v1::RoadWorkService;

// StreamRoadWorks runs on gRPC's synchronous threads (the AsyncDispatcher
// serves unary methods); this forwards it to the implementation.
class Streaming : public RW::Service {
 public:
  void set_impl(RoadWorkServiceImpl* impl) { impl_ = impl; }
  grpc::Status StreamRoadWorks(
      grpc::ServerContext* context,
      const pwis::v1::ListRoadWorksRequest* request,
      grpc::ServerWriter<pwis::v1::RoadWork>* writer) override {
    return CheckedCall(*context, *request, [&] {
      return impl_->StreamRoadWorks(context, request, writer);
    });
  }

 private:
  RoadWorkServiceImpl* impl_ = nullptr;
};

// The service as registered: unary methods asynchronous, the stream
// synchronous.
class Registration
    : public RW::WithRawMethod_GetRoadWork<RW::WithRawMethod_ListRoadWorks<
          RW::WithRawMethod_ExportRoadWorksGeoJson<Streaming>>> {};

class RoadWorksDomain final : public Domain {
 public:
  explicit RoadWorksDomain(const DomainContext& c)
      : works_(c.pool), impl_(&works_, c.districts, c.tokens) {
    registration_.set_impl(&impl_);
  }

  std::vector<grpc::Service*> Services() override { return {&registration_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = RoadWorkServiceImpl;
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&registration_, &Registration::RequestGetRoadWork, &impl_,
          &S::GetRoadWork, kRead);
    d.Add(&registration_, &Registration::RequestListRoadWorks, &impl_,
          &S::ListRoadWorks, kRead);
    d.Add(&registration_, &Registration::RequestExportRoadWorksGeoJson, &impl_,
          &S::ExportRoadWorksGeoJson, kRead);
  }

 private:
  store::RoadWorksStore works_;
  RoadWorkServiceImpl impl_;
  Registration registration_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<RoadWorksDomain>(context);
}

}  // namespace pwis::roadworks
