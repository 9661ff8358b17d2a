#include "services/projects/project_service.h"

#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"

namespace pwis::projects {
namespace {

// The project number of a request: required, a text filter.
absl::StatusOr<std::string> ProjectNumber(const std::string& value) {
  absl::StatusOr<std::string> no = ParseTextFilter(value, "project_no");
  if (!no.ok()) return no.status();
  if (no->empty()) return InvalidField("project_no", "required");
  return no;
}

}  // namespace

grpc::Status ProjectServiceImpl::GetProject(
    grpc::ServerContext* context, const pwis::v1::GetProjectRequest* request,
    pwis::v1::Project* response) {
  absl::StatusOr<std::string> no = ProjectNumber(request->project_no());
  if (!no.ok()) return ToGrpcStatus(no.status());
  if (absl::Status s = CheckGeometryFormat(request->geometry_format());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<pwis::v1::Project> project =
      projects_->Get(*no, request->geometry_format(), WaitDeadline(*context));
  if (!project.ok()) return ToGrpcStatus(project.status());
  *response = std::move(*project);
  return grpc::Status::OK;
}

grpc::Status ProjectServiceImpl::ListProjects(
    grpc::ServerContext* context, const pwis::v1::ListProjectsRequest* request,
    pwis::v1::ListProjectsResponse* response) {
  return lists_.List(context, *request, response, [&](pwis::v1::Project&& x) {
    *response->add_projects() = std::move(x);
  });
}

grpc::Status ProjectServiceImpl::ExportProjectsGeoJson(
    grpc::ServerContext* context, const pwis::v1::ListProjectsRequest* request,
    google::api::HttpBody* response) {
  return lists_.ExportGeoJson(context, *request, response);
}

grpc::Status ProjectServiceImpl::GetProjectProgress(
    grpc::ServerContext* context,
    const pwis::v1::GetProjectProgressRequest* request,
    pwis::v1::ProjectProgress* response) {
  absl::StatusOr<std::string> no = ProjectNumber(request->project_no());
  if (!no.ok()) return ToGrpcStatus(no.status());
  absl::StatusOr<pwis::v1::ProjectProgress> progress =
      projects_->Progress(*no, WaitDeadline(*context));
  if (!progress.ok()) return ToGrpcStatus(progress.status());
  *response = std::move(*progress);
  return grpc::Status::OK;
}

grpc::Status ProjectServiceImpl::GetProjectStats(
    grpc::ServerContext* context,
    const pwis::v1::GetProjectStatsRequest* request,
    pwis::v1::ProjectStats* response) {
  absl::StatusOr<store::ProjectFilter> filter = ParseStatsRequest(*request);
  if (!filter.ok()) return ToGrpcStatus(filter.status());
  std::string& district = filter->common.district_code;
  absl::StatusOr<std::string> code =
      ResolveDistrict(*districts_, district, WaitDeadline(*context));
  if (!code.ok()) return ToGrpcStatus(code.status());
  district = *code;
  absl::StatusOr<pwis::v1::ProjectStats> stats =
      projects_->Stats(*filter, WaitDeadline(*context));
  if (!stats.ok()) return ToGrpcStatus(stats.status());
  *response = std::move(*stats);
  return grpc::Status::OK;
}

grpc::Status ProjectServiceImpl::ExportProjectOc4ids(
    grpc::ServerContext* context, const pwis::v1::GetProjectRequest* request,
    google::api::HttpBody* response) {
  absl::StatusOr<std::string> no = ProjectNumber(request->project_no());
  if (!no.ok()) return ToGrpcStatus(no.status());
  if (request->geometry_format() != pwis::v1::GEOMETRY_FORMAT_UNSPECIFIED &&
      request->geometry_format() != pwis::v1::GEOMETRY_FORMAT_GEOJSON) {
    return ToGrpcStatus(InvalidField(
        "geometry_format", "OC4IDS locations carry GeoJSON geometries only"));
  }
  absl::StatusOr<std::string> package =
      projects_->Oc4ids(*no, WaitDeadline(*context));
  if (!package.ok()) return ToGrpcStatus(package.status());
  response->set_content_type("application/json");
  response->set_data(std::move(*package));
  return grpc::Status::OK;
}

}  // namespace pwis::projects
