// SQL conditions every domain's list queries share. Each takes the table
// alias it applies to and binds its own values through `q`, in order, so a
// caller writes `q.Where(BboxCondition(q, "p", *f.bbox))` without caring
// how placeholders are numbered.
//
// The conditions rely on the column conventions of pwis's tables (see
// db/migrations): `geom` (geometry, SRID 4326), `geom_tm2` (generated,
// SRID 3826, TWD97 TM2 metres), `period` (tstzrange), `work_start` /
// `work_end` (daily working hours, time, both NULL for all day),
// `deleted_at` (timestamptz, NULL while live) and `id` (int8).
#ifndef PWIS_GIS_STORE_SQL_FRAGMENTS_H_
#define PWIS_GIS_STORE_SQL_FRAGMENTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/sql_builder.h"
#include "pwis/v1/common.pb.h"

namespace pwis::store {

// Adds the conditions of `f` on `alias` (geom, geom_tm2, district_code,
// period with working hours, updated_at, deleted_at) to `q`, the box
// first.
void AddCommonConditions(SqlBuilder& q, absl::string_view alias,
                         const CommonFilter& f);

// `alias.geom` meets the box.
std::string BboxCondition(SqlBuilder& q, absl::string_view alias,
                          const BoundingBox& box);

// Distances are compared to the millimetre: a feature at exactly the
// radius counts although a transform moved it by a nanometre.
inline constexpr double kDistanceToleranceM = 0.001;

// `alias.geom_tm2` within the circle's radius of its centre (metric, served
// by the geom_tm2 index; the centre is transformed once, not every row).
std::string CircleCondition(SqlBuilder& q, absl::string_view alias,
                            const Circle& circle);

// `alias.geom_tm2` within `near.distance_m` of its geometry.
std::string NearCondition(SqlBuilder& q, absl::string_view alias,
                          const NearGeometry& near);

// `alias.period` (with its daily working hours, in Asia/Taipei) meets the
// time filter; "" for kAny, which Where() ignores.
std::string PeriodCondition(SqlBuilder& q, absl::string_view alias,
                            const TimeFilter& time);

// The row comes after `after` in the order (`time_key`, `alias.id`), where
// `time_key` is a timestamptz expression (e.g. "lower(r.period)").
std::string KeysetAfter(SqlBuilder& q, absl::string_view alias,
                        absl::string_view time_key, const ListPosition& after);

// The row comes after `after` in the order (`key`, `alias.id`), where
// `key` is an int8 expression (a sort key; `after.start_us` holds its
// value).
std::string IntKeysetAfter(SqlBuilder& q, absl::string_view alias,
                           absl::string_view key, const ListPosition& after);

// " ORDER BY `time_key`, `alias`.id LIMIT <limit + 1>": a list page in
// keyset order, with the one extra row that tells whether more follow (see
// PageFromResult).
std::string PageOrder(SqlBuilder& q, absl::string_view alias,
                      absl::string_view time_key, int limit);

// `column` (text) contains `text` literally (LIKE with its wildcards
// escaped).
std::string Substring(SqlBuilder& q, absl::string_view column,
                      absl::string_view text);

// `text` as a LIKE pattern matching it anywhere once folded by `fold`
// (an SQL function such as pwis_text_fold), its wildcards escaped.
std::string FoldedPattern(SqlBuilder& q, const char* fold,
                          absl::string_view text);

// The row of `alias` (a table with code, name_zh and name_en: an agency,
// a unit) is `key` by code, or has it in its Chinese or English name.
std::string CodeOrNameCondition(SqlBuilder& q, absl::string_view alias,
                                const std::string& key);

// `text` with LIKE's wildcards (and its escape character) escaped.
std::string LikeEscaped(absl::string_view text);

// `column` is one of `values` (`array_type` such as "text[]" or an enum's
// array type).
std::string AnyOf(SqlBuilder& q, absl::string_view column,
                  const std::vector<std::string>& values,
                  const char* array_type);

// `values` bound as one array parameter of `array_type` ("text[]", an
// enum's array type), every element quoted so no value can split it.
std::string ArrayParam(SqlBuilder& q, const std::vector<std::string>& values,
                       const char* array_type);

// A JSON object {"zh_tw": ..., "en": ...} with the label of the enum value
// in `column` (stored as the entry's name), from `table`; NULL for a value
// the table lacks. GeoJSON properties carry labels with it.
std::string LabelJson(EnumTable table, absl::string_view column);

// The zh-TW (or, with `english`, en) label of the enum value in `column`
// as text: a vector tile attribute, which holds no objects.
std::string LabelText(EnumTable table, absl::string_view column, bool english);

// {"start": "HH:MM", "end": "HH:MM"} of `alias`'s working hours as JSON,
// NULL for all day (a GeoJSON property).
std::string WorkingHoursJson(absl::string_view alias);

// `alias.deleted_at IS NULL`.
std::string NotDeleted(absl::string_view alias);

// The select list every listed record shares, read by CommonColumnIndex:
// road names, district (from the join alias `d`), period and working
// hours, provenance and record times, and the geometry in `format` (as
// geom_out).
std::string CommonColumns(absl::string_view alias,
                          pwis::v1::GeometryFormat format);

// "(extract(epoch FROM `expr`) * 1000000)::int8": a timestamptz as
// microseconds since the Unix epoch (NULL stays NULL).
std::string MicrosColumn(absl::string_view expr);

// The select-list expression for `alias.geom` in `format`: GeoJSON text (7
// decimals, about 1 cm), WKB bytes, or NULL.
std::string GeometryColumn(absl::string_view alias,
                           pwis::v1::GeometryFormat format);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_SQL_FRAGMENTS_H_
