#include "services/projects/project_service.h"

#include "absl/strings/str_join.h"
#include "gateway/text_forms.h"
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
  // Who writes comes first: nothing about the request is told to a caller
  // who may not write.
  absl::StatusOr<ScopeGrant> grant = RequireScopeGrant(kWriteScope);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  // Every attempt by a writer is on the key's record, made or refused.
  if (absl::Status s = keys_->Audit(
          *grant->caller, *context, "PutProgressReport",
          gateway::Truncated(
              absl::StrCat(request->project_no(), " ", request->report_date()),
              200));
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<ReportRequest> report =
      ParseReportRequest(*request, absl::Now());
  if (!report.ok()) return ToGrpcStatus(report.status());
  report->write.source = absl::StrCat("api:", grant->caller->key_id);
  if (!grant->whole) report->write.units = grant->parts;
  absl::StatusOr<store::ReportWritten> written =
      reports_->Put(report->project_no, report->write, WaitDeadline(*context));
  if (!written.ok()) return ToGrpcStatus(written.status());
  if (!written->other_unit.empty()) {
    return ToGrpcStatus(absl::PermissionDeniedError(absl::StrCat(
        "API key ", grant->caller->key_id, " may write the projects of ",
        absl::StrJoin(grant->parts, ", "), " only; project ",
        report->project_no, " is ", written->other_unit, "'s")));
  }
  if (written->refused) {
    return ToGrpcStatus(
        InvalidField(written->refused->field, written->refused->reason));
  }
  // The report as the reads serve it, with its derived fields. The write
  // has committed: a failure here is the read's, and the PUT may be
  // repeated (it is idempotent).
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
