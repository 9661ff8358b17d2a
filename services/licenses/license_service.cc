#include "services/licenses/license_service.h"

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/common/district_filter.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"
#include "services/licenses/license_number.h"
#include "services/licenses/search_request.h"

namespace pwis::licenses {
namespace {

constexpr char kFullScope[] = "licenses.full";

// Whether `view` asks for full names, and whether the caller may have
// them (the caller when it asks and may).
absl::StatusOr<const Caller*> FullViewCaller(int view) {
  switch (view) {
    case pwis::v1::LICENSE_VIEW_UNSPECIFIED:
    case pwis::v1::LICENSE_VIEW_PUBLIC:
      return nullptr;
    case pwis::v1::LICENSE_VIEW_FULL:
      return RequireScope(kFullScope);
    default:
      return InvalidField("view",
                          "expected LICENSE_VIEW_PUBLIC or "
                          "LICENSE_VIEW_FULL");
  }
}

}  // namespace

grpc::Status LicenseServiceImpl::GetLicense(
    grpc::ServerContext* context, const pwis::v1::GetLicenseRequest* request,
    pwis::v1::License* response) {
  absl::StatusOr<std::string> text =
      ParseTextFilter(request->number(), "number");
  if (!text.ok()) return ToGrpcStatus(text.status());
  if (text->empty()) return ToGrpcStatus(InvalidField("number", "required"));
  absl::StatusOr<LicenseNumber> number = ParseLicenseNumber(*text);
  if (!number.ok()) {
    return ToGrpcStatus(
        InvalidField("number", std::string(number.status().message())));
  }
  if (absl::Status s = CheckGeometryFormat(request->geometry_format());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<const Caller*> full = FullViewCaller(request->view());
  if (!full.ok()) return ToGrpcStatus(full.status());
  store::LicenseQuery query;
  query.geometry_format = request->geometry_format();
  query.full = *full != nullptr;
  absl::StatusOr<pwis::v1::License> license =
      licenses_->Get(number->Canonical(), query, WaitDeadline(*context));
  if (!license.ok()) return ToGrpcStatus(license.status());
  if (*full != nullptr) {
    if (absl::Status s =
            keys_->Audit(**full, *context, "GetLicense", license->license_no());
        !s.ok()) {
      return ToGrpcStatus(s);
    }
  }
  *response = std::move(*license);
  return grpc::Status::OK;
}

grpc::Status LicenseServiceImpl::SearchLicenses(
    grpc::ServerContext* context,
    const pwis::v1::SearchLicensesRequest* request,
    pwis::v1::SearchLicensesResponse* response) {
  absl::StatusOr<SearchQuery> query =
      ParseSearchRequest(*request, absl::Now(), *tokens_);
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<const Caller*> full = FullViewCaller(request->view());
  if (!full.ok()) return ToGrpcStatus(full.status());
  std::string& district = query->filter.district_code;
  absl::StatusOr<std::string> code =
      ResolveDistrict(*districts_, district, WaitDeadline(*context));
  if (!code.ok()) return ToGrpcStatus(code.status());
  district = *code;
  store::LicenseQuery how;
  how.geometry_format = query->options.geometry_format;
  how.full = *full != nullptr;
  auto page = licenses_->Search(query->filter, query->options, how,
                                WaitDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  if (*full != nullptr && !page->items.empty()) {
    // What was read: every license of the page.
    std::vector<std::string> numbers;
    for (const auto& l : page->items) numbers.push_back(l.license_no());
    if (absl::Status s = keys_->Audit(**full, *context, "SearchLicenses",
                                      absl::StrJoin(numbers, " "));
        !s.ok()) {
      return ToGrpcStatus(s);
    }
  }
  for (auto& l : page->items) *response->add_licenses() = std::move(l);
  response->set_next_page_token(
      NextPageToken(query->paging, page->next, *tokens_));
  return grpc::Status::OK;
}

}  // namespace pwis::licenses
