#include "services/common/list_params.h"

#include <cmath>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "gateway/text_forms.h"
#include "pwis/v1/common.pb.h"
#include "services/common/grpc_util.h"

namespace pwis {
const absl::TimeZone& Taipei() {
  static const absl::TimeZone tz = absl::FixedTimeZone(8 * 3600);
  return tz;
}

absl::StatusOr<int> PageLimit(int32_t page_size) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (page_size > kMaxPageSize) {
    return InvalidField("page_size",
                        absl::StrCat("must be at most ", kMaxPageSize));
  }
  return page_size == 0 ? kDefaultPageSize : page_size;
}

absl::Status CheckGeometryFormat(int format) {
  if (!pwis::v1::GeometryFormat_IsValid(format)) {
    return InvalidField("geometry_format", "unknown format");
  }
  return absl::OkStatus();
}

absl::StatusOr<store::BoundingBox> ParseBbox(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ',');
  if (parts.size() != 4) {
    return InvalidField("bbox", "expected minLng,minLat,maxLng,maxLat");
  }
  double v[4];
  for (int i = 0; i < 4; ++i) {
    if (!gateway::ParseDecimal(absl::StripAsciiWhitespace(parts[i]), &v[i])) {
      return InvalidField(
          "bbox", absl::StrCat("'", parts[i], "' is not a decimal number"));
    }
  }
  for (int i : {0, 2}) {
    if (v[i] < -180 || v[i] > 180) {
      return InvalidField("bbox", "longitudes must be between -180 and 180");
    }
  }
  for (int i : {1, 3}) {
    if (v[i] < -90 || v[i] > 90) {
      return InvalidField("bbox", "latitudes must be between -90 and 90");
    }
  }
  if (v[0] > v[2]) return InvalidField("bbox", "minLng is greater than maxLng");
  if (v[1] > v[3]) return InvalidField("bbox", "minLat is greater than maxLat");
  return store::BoundingBox{v[0], v[1], v[2], v[3]};
}

absl::Status CheckLngLat(double lng, double lat, const char* lng_field,
                         const char* lat_field) {
  if (!std::isfinite(lng) || lng < -180 || lng > 180) {
    return InvalidField(lng_field, "must be between -180 and 180");
  }
  if (!std::isfinite(lat) || lat < -90 || lat > 90) {
    return InvalidField(lat_field, "must be between -90 and 90");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<store::Circle>> ParseCircle(
    const CircleFields& c) {
  if (!c.lng && !c.lat && c.radius_m == 0) return std::nullopt;
  if (!c.lng) return InvalidField("lng", "required with lat and radius_m");
  if (!c.lat) return InvalidField("lat", "required with lng and radius_m");
  if (absl::Status s = CheckLngLat(*c.lng, *c.lat); !s.ok()) return s;
  if (c.radius_m == 0) {
    return InvalidField("radius_m",
                        "required with lng and lat (greater than 0, at most "
                        "50000)");
  }
  if (!(c.radius_m > 0) || !(c.radius_m <= kMaxRadiusMetres)) {
    return InvalidField("radius_m", "must be greater than 0 and at most 50000");
  }
  return store::Circle{*c.lng, *c.lat, c.radius_m};
}

absl::StatusOr<TimeSelection> ParseTimeFields(const TimeFields& t,
                                              absl::Time now) {
  bool window = t.window_start != nullptr || t.window_end != nullptr;
  int given = (t.at != nullptr) + window + !t.date.empty() + t.any_time;
  if (given > 1) {
    const char* field = t.at != nullptr ? "at"
                        : window        ? "window_start"
                                        : "date";
    return InvalidField(field,
                        "at most one of at, window_start/window_end, date and "
                        "any_time may be given");
  }
  TimeSelection out;
  store::TimeFilter& f = out.filter;
  if (t.at != nullptr) {
    absl::StatusOr<absl::Time> at = TimeFromProto(*t.at, "at");
    if (!at.ok()) return at.status();
    f = {store::TimeFilter::kAt, *at, {}, {}};
  } else if (window) {
    f.kind = store::TimeFilter::kWindow;
    if (t.window_start != nullptr) {
      absl::StatusOr<absl::Time> s =
          TimeFromProto(*t.window_start, "window_start");
      if (!s.ok()) return s.status();
      f.from = *s;
    }
    if (t.window_end != nullptr) {
      absl::StatusOr<absl::Time> e = TimeFromProto(*t.window_end, "window_end");
      if (!e.ok()) return e.status();
      f.to = *e;
    }
    if (f.from && f.to && *f.to <= *f.from) {
      return InvalidField("window_end", "must be after window_start");
    }
  } else if (!t.date.empty()) {
    absl::StatusOr<store::TimeFilter> day = ParseLocalDate(t.date);
    if (!day.ok()) return day.status();
    f = *day;
  } else if (t.any_time || t.has_updated_since) {
    f.kind = store::TimeFilter::kAny;
  } else {
    f = {store::TimeFilter::kAt, now, {}, {}};
    out.defaulted = true;
  }
  return out;
}

absl::StatusOr<store::TimeFilter> ParseLocalDate(const std::string& text,
                                                 const char* field) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) {
    return InvalidField(field, "expected a calendar day YYYY-MM-DD");
  }
  if (day.year() < 1900 || day.year() > 9998) {
    return InvalidField(field,
                        "out of the supported range 1900-01-01 to 9998-12-31");
  }
  store::TimeFilter f;
  f.kind = store::TimeFilter::kWindow;
  f.from = absl::FromCivil(day, Taipei());
  f.to = absl::FromCivil(day + 1, Taipei());
  return f;
}

absl::StatusOr<std::string> ParseTextFilter(const std::string& value,
                                            const char* field) {
  std::string v(absl::StripAsciiWhitespace(value));
  // Spaces alone would strip to no filter at all: refused, not dropped.
  if (v.empty() && !value.empty()) return InvalidField(field, "only spaces");
  if (v.size() > kMaxTextFilterBytes) {
    return InvalidField(
        field, absl::StrCat("longer than ", kMaxTextFilterBytes, " bytes"));
  }
  return v;
}

absl::StatusOr<std::string> ParseDay(const std::string& text,
                                     const char* field) {
  absl::StatusOr<std::string> t = ParseTextFilter(text, field);
  if (!t.ok() || t->empty()) return t;
  absl::CivilDay day;
  if (t->size() != 10 || !absl::ParseCivilTime(*t, &day) ||
      absl::FormatCivilTime(day) != *t || day.year() < 1900 ||
      day.year() > 2200) {
    return InvalidField(field, "expected a date YYYY-MM-DD, e.g. 2024-03-15");
  }
  return t;
}

absl::Status ParseDayRange(DayField from, DayField to, std::string* from_out,
                           std::string* to_out) {
  absl::StatusOr<std::string> f = ParseDay(from.text, from.field);
  if (!f.ok()) return f.status();
  absl::StatusOr<std::string> t = ParseDay(to.text, to.field);
  if (!t.ok()) return t.status();
  if (!f->empty() && !t->empty() && *t < *f) {
    return InvalidField(to.field, absl::StrCat("is before ", from.field));
  }
  *from_out = std::move(*f);
  *to_out = std::move(*t);
  return absl::OkStatus();
}

absl::StatusOr<Paging> ParsePaging(const google::protobuf::Message& request,
                                   const std::string& page_token,
                                   bool default_time, absl::Time now,
                                   const PageTokenCodec& tokens) {
  Paging p;
  p.query_hash =
      PageTokenCodec::QueryHash(request.GetDescriptor()->full_name(), request);
  p.now_us = default_time ? absl::ToUnixMicros(absl::FromUnixSeconds(
                                absl::ToUnixSeconds(now) / 60 * 60))
                          : 0;
  if (page_token.empty()) return p;
  absl::StatusOr<std::vector<int64_t>> pos =
      tokens.Decode(page_token, p.query_hash);
  if (!pos.ok()) return pos.status();
  if (pos->size() != 3) return InvalidField("page_token", "malformed");
  p.now_us = (*pos)[0];
  p.after = store::ListPosition{(*pos)[1], (*pos)[2]};
  return p;
}

absl::Status EnumNames(const google::protobuf::RepeatedField<int>& values,
                       store::EnumTable table, const char* field,
                       std::vector<std::string>* out) {
  for (int i = 0; i < values.size(); ++i) {
    const store::EnumEntry* e = store::ByValue(table, values[i]);
    if (e == nullptr) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          values[i] == 0
                              ? std::string("UNSPECIFIED is not a value")
                              : absl::StrCat("unknown value ", values[i]));
    }
    out->push_back(e->name);
  }
  return absl::OkStatus();
}

absl::StatusOr<CommonList> ParseCommonListFields(
    const CommonListFields& in, const google::protobuf::Message& request,
    absl::Time now, const PageTokenCodec& tokens) {
  CommonList out;
  store::CommonFilter& f = out.filter;
  if (!in.bbox.empty()) {
    absl::StatusOr<store::BoundingBox> bbox = ParseBbox(in.bbox);
    if (!bbox.ok()) return bbox.status();
    f.bbox = *bbox;
  }
  absl::StatusOr<std::optional<store::Circle>> circle = ParseCircle(in.circle);
  if (!circle.ok()) return circle.status();
  f.circle = *circle;
  absl::StatusOr<std::string> district =
      ParseTextFilter(in.district, "district");
  if (!district.ok()) return district.status();
  f.district_code = *district;

  absl::StatusOr<TimeSelection> time = ParseTimeFields(in.time, now);
  if (!time.ok()) return time.status();
  f.time = time->filter;
  if (in.updated_since != nullptr) {
    absl::StatusOr<absl::Time> t =
        TimeFromProto(*in.updated_since, "updated_since");
    if (!t.ok()) return t.status();
    f.updated_since = *t;
    f.include_deleted = true;
  }

  absl::StatusOr<int> limit = PageLimit(in.page_size);
  if (!limit.ok()) return limit.status();
  out.options.limit = *limit;
  if (absl::Status s = CheckGeometryFormat(in.geometry_format); !s.ok()) {
    return s;
  }
  out.options.geometry_format =
      static_cast<pwis::v1::GeometryFormat>(in.geometry_format);

  absl::StatusOr<Paging> paging =
      ParsePaging(request, in.page_token, time->defaulted, now, tokens);
  if (!paging.ok()) return paging.status();
  out.paging = *paging;
  out.options.after = out.paging.after;
  if (time->defaulted) f.time.at = absl::FromUnixMicros(out.paging.now_us);
  return out;
}

std::string NextPageToken(const Paging& paging,
                          const std::optional<store::ListPosition>& next,
                          const PageTokenCodec& tokens) {
  if (!next) return "";
  return tokens.Encode(paging.query_hash,
                       {paging.now_us, next->start_us, next->id});
}

}  // namespace pwis
