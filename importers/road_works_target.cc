#include "importers/road_works_target.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace pwis::importers {
namespace {

constexpr char kUpsert[] = R"sql(
INSERT INTO road_works AS t
  (source, source_key, permit_number, title, description, road_names,
   district_code, geom, period, status, organiser, contractor,
   contact_phone, restricted_phone, work_start, work_end, lanes_closed,
   lanes_total, full_closure, sidewalk_affected, bike_lane_affected,
   parking_affected, imported_at, import_file, import_record)
SELECT $1, s.source_key, s.permit_number, s.title, s.description,
       s.road_names::text[], s.district_code, s.geom,
       tstzrange(s.period_start::timestamptz, s.period_end::timestamptz),
       s.status::road_work_status, s.organiser, s.contractor,
       s.contact_phone, s.restricted_phone, s.work_start::time,
       s.work_end::time, s.lanes_closed::smallint, s.lanes_total::smallint,
       s.full_closure::bool, s.sidewalk_affected::bool,
       s.bike_lane_affected::bool, s.parking_affected::bool, now(), $4, s.ord
FROM pwis_import_stage s
WHERE NOT s.seen_only AND s.ord >= $2 AND s.ord < $3
ON CONFLICT (source, source_key) DO UPDATE SET
  permit_number = EXCLUDED.permit_number, title = EXCLUDED.title,
  description = EXCLUDED.description, road_names = EXCLUDED.road_names,
  district_code = EXCLUDED.district_code, geom = EXCLUDED.geom,
  period = EXCLUDED.period, status = EXCLUDED.status,
  organiser = EXCLUDED.organiser, contractor = EXCLUDED.contractor,
  contact_phone = EXCLUDED.contact_phone,
  restricted_phone = EXCLUDED.restricted_phone,
  work_start = EXCLUDED.work_start, work_end = EXCLUDED.work_end,
  lanes_closed = EXCLUDED.lanes_closed, lanes_total = EXCLUDED.lanes_total,
  full_closure = EXCLUDED.full_closure,
  sidewalk_affected = EXCLUDED.sidewalk_affected,
  bike_lane_affected = EXCLUDED.bike_lane_affected,
  parking_affected = EXCLUDED.parking_affected,
  imported_at = EXCLUDED.imported_at, import_file = EXCLUDED.import_file,
  import_record = EXCLUDED.import_record, deleted_at = NULL
-- Unchanged content is left alone: updated_at, the change feed and the
-- read caches see only real changes.
WHERE (t.permit_number, t.title, t.description, t.road_names,
       t.district_code, ST_AsBinary(t.geom), t.period, t.status,
       t.organiser, t.contractor, t.contact_phone, t.restricted_phone,
       t.work_start, t.work_end, t.lanes_closed, t.lanes_total,
       t.full_closure, t.sidewalk_affected, t.bike_lane_affected,
       t.parking_affected, t.deleted_at IS NULL)
      IS DISTINCT FROM
      (EXCLUDED.permit_number, EXCLUDED.title, EXCLUDED.description,
       EXCLUDED.road_names, EXCLUDED.district_code,
       ST_AsBinary(EXCLUDED.geom), EXCLUDED.period, EXCLUDED.status,
       EXCLUDED.organiser, EXCLUDED.contractor, EXCLUDED.contact_phone,
       EXCLUDED.restricted_phone, EXCLUDED.work_start, EXCLUDED.work_end,
       EXCLUDED.lanes_closed, EXCLUDED.lanes_total, EXCLUDED.full_closure,
       EXCLUDED.sidewalk_affected, EXCLUDED.bike_lane_affected,
       EXCLUDED.parking_affected, true)
RETURNING (xmax = 0) AS inserted
)sql";

// Records whose row already holds exactly their content: taken out of the
// stage in one join before the upsert, which then touches (and locks) only
// new and changed rows. A daily full snapshot is mostly these.
constexpr char kUnchanged[] = R"sql(
DELETE FROM pwis_import_stage s USING road_works t
WHERE t.source = $1 AND t.source_key = s.source_key AND NOT s.seen_only
  AND t.deleted_at IS NULL
  AND (t.permit_number, t.title, t.description, t.road_names,
       t.district_code, ST_AsBinary(t.geom), t.period, t.status,
       t.organiser, t.contractor, t.contact_phone, t.restricted_phone,
       t.work_start, t.work_end, t.lanes_closed, t.lanes_total,
       t.full_closure, t.sidewalk_affected, t.bike_lane_affected,
       t.parking_affected)
      IS NOT DISTINCT FROM
      (s.permit_number, s.title, s.description, s.road_names::text[],
       s.district_code, ST_AsBinary(s.geom),
       tstzrange(s.period_start::timestamptz, s.period_end::timestamptz),
       s.status::road_work_status, s.organiser, s.contractor,
       s.contact_phone, s.restricted_phone, s.work_start::time,
       s.work_end::time, s.lanes_closed::smallint, s.lanes_total::smallint,
       s.full_closure::bool, s.sidewalk_affected::bool,
       s.bike_lane_affected::bool, s.parking_affected::bool)
)sql";

// A PostgreSQL text[] literal.
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",";
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += "}";
  return out;
}

std::optional<std::string> Optional(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string Bool(bool b) { return b ? "t" : "f"; }

std::string Timestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6S+00:00", t, absl::UTCTimeZone());
}

}  // namespace

TargetSpec RoadWorksTarget() {
  return TargetSpec{
      "road_works",
      {"permit_number", "title", "description", "road_names", "period_start",
       "period_end", "status", "organiser", "contractor", "contact_phone",
       "restricted_phone", "work_start", "work_end", "lanes_closed",
       "lanes_total", "full_closure", "sidewalk_affected", "bike_lane_affected",
       "parking_affected"},
      kUpsert,
      kUnchanged};
}

StagedRow StageRoadWork(const RoadWorkRow& r) {
  StagedRow s;
  s.record = r.record;
  s.source_key = r.source_key;
  s.raw = r.raw;
  s.wkb_hex = r.wkb_hex;
  s.district_code = r.district_code;
  s.values = {r.permit_number,
              r.title,
              r.description,
              ArrayLiteral(r.road_names),
              Timestamp(r.start),
              r.end.has_value() ? std::optional<std::string>(Timestamp(*r.end))
                                : std::nullopt,
              r.status,
              r.organiser,
              r.contractor,
              r.contact_phone,
              r.restricted_phone,
              Optional(r.work_start),
              Optional(r.work_end),
              absl::StrCat(r.lanes_closed),
              absl::StrCat(r.lanes_total),
              Bool(r.full_closure),
              Bool(r.sidewalk_affected),
              Bool(r.bike_lane_affected),
              Bool(r.parking_affected)};
  return s;
}

}  // namespace pwis::importers
