#include "services/licenses/case_lookup.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_util.h"
#include "services/common/list_params.h"
#include "services/licenses/case_number.h"
#include "services/licenses/case_schedule.h"

namespace pwis::licenses {
namespace {

absl::CivilDay Day(const std::string& iso) {
  absl::CivilDay d;
  (void)absl::ParseCivilTime(iso, &d);
  return d;
}

void AddSchedule(const store::OfficeCalendar& calendar, pwis::v1::Case& c) {
  std::vector<ClockEvent> events;
  for (const auto& e : c.timeline()) {
    ClockEvent ce;
    ce.day =
        absl::ToCivilDay(absl::FromUnixSeconds(e.time().seconds()), Taipei());
    switch (e.status()) {
      case pwis::v1::CASE_STATUS_CORRECTION_REQUIRED:
        ce.kind = ClockEvent::kStop;
        break;
      case pwis::v1::CASE_STATUS_RESUBMITTED:
        ce.kind = ClockEvent::kResume;
        break;
      case pwis::v1::CASE_STATUS_APPROVED:
      case pwis::v1::CASE_STATUS_REJECTED:
      case pwis::v1::CASE_STATUS_WITHDRAWN:
        ce.kind = ClockEvent::kDecided;
        break;
      default:
        break;
    }
    events.push_back(ce);
  }
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Taipei());
  CaseSchedule s = Schedule(Day(c.received_date()), c.statutory_days(), events,
                            today, calendar);
  c.set_working_days_used(s.working_days_used);
  if (s.expected) c.set_expected_date(absl::FormatCivilTime(*s.expected));
  c.set_overdue(s.overdue);
  c.set_expected_date_provisional(s.expected && s.provisional);
  if (c.status() == pwis::v1::CASE_STATUS_CORRECTION_REQUIRED &&
      c.timeline_size() > 0) {
    *c.mutable_missing_documents() =
        c.timeline(c.timeline_size() - 1).documents();
  }
}

}  // namespace

grpc::Status CaseLookup::GetCase(grpc::ServerContext* context,
                                 const pwis::v1::GetCaseRequest* request,
                                 pwis::v1::Case* response) {
  std::optional<std::string> case_no =
      CaseCode(request->case_no(), /*keep_dashes=*/true, 1, 30);
  if (!case_no) {
    return ToGrpcStatus(InvalidField(
        "case_no", "expected the case number on the receipt, e.g. 115BA00123"));
  }
  if (request->check_code().empty()) {
    return ToGrpcStatus(InvalidField("check_code", "required"));
  }
  std::optional<std::string> code =
      CaseCode(request->check_code(), /*keep_dashes=*/false, 1, 20);
  if (!code) {
    return ToGrpcStatus(
        InvalidField("check_code",
                     "expected the check code on the receipt: up to 20 "
                     "letters and digits"));
  }
  const std::string client =
      gateway::LimitKey(ClientAddress(*context, *proxies_));
  auto refuse = [](absl::Duration wait) {
    return grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("too many failed case lookups from this address; try "
                     "again in ",
                     absl::ToInt64Seconds(absl::Ceil(wait, absl::Seconds(1))),
                     " s"));
  };
  if (absl::Duration wait = failures_.RetryAfter(client, absl::Now());
      wait > absl::ZeroDuration()) {
    return refuse(wait);
  }
  const absl::Time deadline = WaitDeadline(*context);
  absl::StatusOr<store::LookupFailuresStore::Attempt> attempt =
      shared_->Reserve(client, deadline);
  if (!attempt.ok()) return ToGrpcStatus(attempt.status());
  if (!attempt->allowed) return refuse(attempt->retry_after);
  absl::StatusOr<store::FoundCase> c = cases_->Get(*case_no, *code, deadline);
  if (c.ok() || !absl::IsNotFound(c.status())) {
    // Not a failed guess: the attempt is given back. If that cannot be
    // written, the client keeps one failure more for a while; the answer
    // stands.
    (void)shared_->Forgive(client, *attempt, deadline);
  } else {
    failures_.Fail(client, absl::Now());
  }
  if (!c.ok()) return ToGrpcStatus(c.status());
  AddSchedule(c->calendar, c->message);
  *response = std::move(c->message);
  return grpc::Status::OK;
}

}  // namespace pwis::licenses
