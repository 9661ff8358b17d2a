// ProjectService: projects by number, lists and GeoJSON, the progress
// series, statistics and the OC4IDS export; and the reporting units'
// progress reports (PutProgressReport, scope projects.write).
#ifndef PWIS_SERVICES_PROJECTS_PROJECT_SERVICE_H_
#define PWIS_SERVICES_PROJECTS_PROJECT_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "gis/store/districts_store.h"
#include "gis/store/progress_reports_store.h"
#include "gis/store/projects_store.h"
#include "pwis/v1/projects.grpc.pb.h"
#include "services/common/api_keys.h"
#include "services/common/list_methods.h"
#include "services/common/page_token.h"
#include "services/projects/list_request.h"

namespace pwis::projects {

class ProjectServiceImpl final : public pwis::v1::ProjectService::Service {
 public:
  // The stores and codec must outlive the service.
  ProjectServiceImpl(store::ProjectsStore* projects,
                     store::ProgressReportsStore* reports,
                     store::DistrictsStore* districts,
                     const PageTokenCodec* tokens,
                     const ApiKeyAuthenticator* keys)
      : projects_(projects),
        reports_(reports),
        districts_(districts),
        keys_(keys),
        lists_(&ParseListRequest, projects, districts, tokens) {}

  grpc::Status GetProject(grpc::ServerContext* context,
                          const pwis::v1::GetProjectRequest* request,
                          pwis::v1::Project* response) override;

  grpc::Status ListProjects(grpc::ServerContext* context,
                            const pwis::v1::ListProjectsRequest* request,
                            pwis::v1::ListProjectsResponse* response) override;

  grpc::Status ExportProjectsGeoJson(
      grpc::ServerContext* context,
      const pwis::v1::ListProjectsRequest* request,
      google::api::HttpBody* response) override;

  grpc::Status GetProjectProgress(
      grpc::ServerContext* context,
      const pwis::v1::GetProjectProgressRequest* request,
      pwis::v1::ProjectProgress* response) override;

  grpc::Status GetProjectStats(grpc::ServerContext* context,
                               const pwis::v1::GetProjectStatsRequest* request,
                               pwis::v1::ProjectStats* response) override;

  grpc::Status ExportProjectOc4ids(grpc::ServerContext* context,
                                   const pwis::v1::GetProjectRequest* request,
                                   google::api::HttpBody* response) override;

  grpc::Status PutProgressReport(
      grpc::ServerContext* context,
      const pwis::v1::PutProgressReportRequest* request,
      pwis::v1::ProgressReport* response) override;

 private:
  store::ProjectsStore* projects_;
  store::ProgressReportsStore* reports_;
  store::DistrictsStore* districts_;
  const ApiKeyAuthenticator* keys_;
  ListMethods<pwis::v1::ListProjectsRequest, ListQuery, store::ProjectsStore>
      lists_;
};

}  // namespace pwis::projects

#endif  // PWIS_SERVICES_PROJECTS_PROJECT_SERVICE_H_
