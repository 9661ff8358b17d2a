#include "services/licenses/search_request.h"

#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/grpc_util.h"
#include "services/licenses/land_parcel.h"
#include "services/licenses/license_number.h"

namespace pwis::licenses {
absl::StatusOr<SearchQuery> ParseSearchRequest(
    const pwis::v1::SearchLicensesRequest& r, absl::Time now,
    const PageTokenCodec& tokens) {
  SearchQuery query;
  store::LicenseFilter& f = query.filter;
  for (auto [value, field, out] :
       {std::tuple{&r.q(), "q", &f.q},
        std::tuple{&r.address(), "address", &f.address},
        std::tuple{&r.district(), "district", &f.district_code},
        std::tuple{&r.structure(), "structure", &f.structure},
        std::tuple{&r.use(), "use", &f.use}}) {
    absl::StatusOr<std::string> text = ParseTextFilter(*value, field);
    if (!text.ok()) return text.status();
    *out = *text;
  }
  // A keyword that reads as a license number also finds that license
  // first; one that does not is still a keyword.
  if (!f.q.empty()) {
    if (auto number = ParseLicenseNumber(f.q); number.ok()) {
      f.number_key = number->Canonical();
    }
  }
  absl::StatusOr<std::string> parcel = ParseTextFilter(r.parcel(), "parcel");
  if (!parcel.ok()) return parcel.status();
  if (!parcel->empty()) {
    absl::StatusOr<ParcelNumber> p = ParseParcel(*parcel);
    if (!p.ok()) {
      return InvalidField("parcel", std::string(p.status().message()));
    }
    f.parcel = store::ParcelKey{std::move(p->section), p->mother, p->child};
  }
  if (absl::Status s =
          EnumNames(r.kind(), store::LicenseKinds(), "kind", &f.kinds);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ParseDayRange({r.issued_from(), "issued_from"},
                                     {r.issued_to(), "issued_to"},
                                     &f.issued_from, &f.issued_to);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::optional<store::Circle>> circle =
      ParseCircle(CircleFieldsOf(r));
  if (!circle.ok()) return circle.status();
  f.circle = *circle;

  absl::StatusOr<int> limit = PageLimit(r.page_size());
  if (!limit.ok()) return limit.status();
  query.options.limit = *limit;
  if (absl::Status s = CheckGeometryFormat(r.geometry_format()); !s.ok()) {
    return s;
  }
  query.options.geometry_format = r.geometry_format();
  absl::StatusOr<Paging> paging =
      ParsePaging(r, r.page_token(), /*default_time=*/false, now, tokens);
  if (!paging.ok()) return paging.status();
  query.paging = *paging;
  query.options.after = paging->after;
  return query;
}

}  // namespace pwis::licenses
