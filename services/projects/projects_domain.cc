#include "services/projects/projects_domain.h"

#include "gis/store/progress_reports_store.h"
#include "gis/store/projects_store.h"
#include "services/projects/project_service.h"

namespace pwis::projects {
namespace {

using PS = pwis::v1::ProjectService;

class Registration
    : public PS::WithRawMethod_GetProject<PS::WithRawMethod_ListProjects<
          PS::WithRawMethod_ExportProjectsGeoJson<
              PS::WithRawMethod_GetProjectProgress<
                  PS::WithRawMethod_GetProjectStats<
                      PS::WithRawMethod_ExportProjectOc4ids<
                          PS::WithRawMethod_PutProgressReport<
                              PS::Service>>>>>>> {};

class ProjectsDomain final : public Domain {
 public:
  explicit ProjectsDomain(const DomainContext& c)
      : projects_(c.pool, c.behind),
        reports_(c.pool),
        impl_(&projects_, &reports_, c.districts, c.tokens, c.keys) {}

  std::vector<grpc::Service*> Services() override { return {&async_}; }

  void AddMethods(AsyncDispatcher& d) override {
    using S = ProjectServiceImpl;
    // Behind levels and delays move with the day; a cached answer lives
    // until the next change to the tables (see response_cache.h).
    constexpr auto kRead = AsyncDispatcher::Caching::kRead;
    d.Add(&async_, &Registration::RequestGetProject, &impl_, &S::GetProject,
          kRead);
    d.Add(&async_, &Registration::RequestListProjects, &impl_, &S::ListProjects,
          kRead);
    d.Add(&async_, &Registration::RequestExportProjectsGeoJson, &impl_,
          &S::ExportProjectsGeoJson, kRead);
    d.Add(&async_, &Registration::RequestGetProjectProgress, &impl_,
          &S::GetProjectProgress, kRead);
    d.Add(&async_, &Registration::RequestGetProjectStats, &impl_,
          &S::GetProjectStats, kRead);
    d.Add(&async_, &Registration::RequestExportProjectOc4ids, &impl_,
          &S::ExportProjectOc4ids, kRead);
    // A write: never cached; the tables' change notices drop what the
    // reads cached.
    d.Add(&async_, &Registration::RequestPutProgressReport, &impl_,
          &S::PutProgressReport, AsyncDispatcher::Caching::kNone);
  }

 private:
  store::ProjectsStore projects_;
  store::ProgressReportsStore reports_;
  ProjectServiceImpl impl_;
  Registration async_;
};

}  // namespace

std::unique_ptr<Domain> MakeDomain(const DomainContext& context) {
  return std::make_unique<ProjectsDomain>(context);
}

}  // namespace pwis::projects
