// Validation of ListRoadWorksRequest into a store filter, and its paging.
#ifndef PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_
#define PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/roadworks_store.h"
#include "pwis/v1/roadworks.pb.h"
#include "services/common/page_token.h"

namespace pwis::roadworks {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
inline constexpr double kMaxRadiusMetres = 50000;

struct ListQuery {
  store::RoadWorkFilter filter;  // district_code holds the caller's key,
                                 // still to be resolved to a code.
  store::ListOptions options;
  uint64_t query_hash = 0;
  // The instant a default "in effect now" query was resolved to (the
  // current minute's start; 0 for other queries); carried in page tokens
  // so later pages see the same instant.
  int64_t now_us = 0;
};

// Checks every field of `request` and builds the query, or INVALID_ARGUMENT
// naming the first bad field. `now` resolves the default time filter unless
// the page token carries an earlier instant.
absl::StatusOr<ListQuery> ParseListRequest(
    const pwis::v1::ListRoadWorksRequest& request, absl::Time now,
    const PageTokenCodec& tokens);

// The token for the page after `next`; empty when there is none.
std::string NextPageToken(const ListQuery& query,
                          const std::optional<store::ListPosition>& next,
                          const PageTokenCodec& tokens);

// Parses "minLng,minLat,maxLng,maxLat" (WGS84); INVALID_ARGUMENT naming bbox.
absl::StatusOr<store::BoundingBox> ParseBbox(const std::string& text);

// Parses an Asia/Taipei calendar day "YYYY-MM-DD" into [00:00, next 00:00).
absl::StatusOr<store::TimeFilter> ParseLocalDate(const std::string& text);

}  // namespace pwis::roadworks

#endif  // PWIS_SERVICES_ROADWORKS_LIST_REQUEST_H_
