#include "services/projects/project_service.h"

#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"
#include "services/projects/report_request.h"

namespace pwis::projects {
namespace {

constexpr char kWriteScope[] = "projects.write";

}  // namespace

grpc::Status ProjectServiceImpl::GetProject(
    grpc::ServerContext* context, const pwis::v1::GetProjectRequest* request,
    pwis::v1::Project* response) {
  absl::StatusOr<std::string> no = ParseProjectNumber(request->project_no());
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
  absl::StatusOr<std::string> no = ParseProjectNumber(request->project_no());
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
  absl::StatusOr<std::string> no = ParseProjectNumber(request->project_no());
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

grpc::Status ProjectServiceImpl::PutProgressReport(
    grpc::ServerContext* context,
    const pwis::v1::PutProgressReportRequest* request,
    pwis::v1::ProgressReport* response) {
  absl::StatusOr<ReportRequest> report =
      ParseReportRequest(*request, absl::Now());
  if (!report.ok()) return ToGrpcStatus(report.status());
  absl::StatusOr<const Caller*> caller = RequireScope(kWriteScope);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  // Every write attempt is on the key's record, made or refused.
  if (absl::Status s = keys_->Audit(
          **caller, *context, "PutProgressReport",
          absl::StrCat(report->project_no, " ", report->write.report_date));
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  report->write.source = absl::StrCat("api:", (*caller)->key_id);
  absl::StatusOr<store::ReportWritten> written =
      reports_->Put(report->project_no, report->write, WaitDeadline(*context));
  if (!written.ok()) return ToGrpcStatus(written.status());
  if (written->refused) {
    return ToGrpcStatus(
        InvalidField(written->refused->field, written->refused->reason));
  }
  // The report as the reads serve it, with its derived fields.
  absl::StatusOr<pwis::v1::ProjectProgress> progress =
      projects_->Progress(report->project_no, WaitDeadline(*context));
  if (!progress.ok()) return ToGrpcStatus(progress.status());
  for (pwis::v1::ProgressReport& r : *progress->mutable_reports()) {
    if (r.report_date() == report->write.report_date) {
      *response = std::move(r);
      return grpc::Status::OK;
    }
  }
  // Deleted or replaced between the two statements.
  return grpc::Status(grpc::StatusCode::ABORTED,
                      "the report changed while it was written; read it "
                      "again with GetProjectProgress");
}

}  // namespace pwis::projects
