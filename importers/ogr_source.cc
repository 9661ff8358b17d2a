#include "importers/ogr_source.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

void RegisterOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // Errors come back as statuses, not printed on stderr.
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

std::string LastGdalError(absl::string_view what) {
  const char* msg = CPLGetLastErrorMsg();
  return absl::StrCat(what, msg != nullptr && *msg != '\0' ? ": " : "",
                      msg != nullptr ? msg : "");
}

}  // namespace

const std::string* SourceRecord::Find(const std::string& name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string SourceRecord::RawJson(bool with_geometry) const {
  // Enough of the record to find it and see why; not a copy of a huge one.
  constexpr size_t kMax = 8192;
  std::string out = "{";
  for (const auto& [k, v] : fields) {
    if (out.size() > 1) out += ",";
    out += JsonQuote(ValidUtf8(k));
    out += ":";
    // Cut on any byte; ValidUtf8 mends a character cut in two.
    out += JsonQuote(v.size() > kMax ? ValidUtf8(v.substr(0, kMax)) + "…" : v);
  }
  if (with_geometry && geometry != nullptr) {
    char* wkt = nullptr;
    if (geometry->exportToWkt(&wkt) == OGRERR_NONE && wkt != nullptr) {
      std::string w = wkt;
      if (w.size() > kMax) w = w.substr(0, kMax) + "…";
      if (out.size() > 1) out += ",";
      out += "\"geometry_wkt\":";
      out += JsonQuote(w);
    }
    CPLFree(wkt);
  }
  out += "}";
  return out;
}

std::string ProvenanceName(const std::string& path) {
  if (path == "/vsistdin/") return "-";
  // Stored as text: a name in another encoding is mended, not refused.
  return ValidUtf8(std::filesystem::path(path).filename().string());
}

absl::StatusOr<std::vector<std::string>> ExpandSources(
    const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    if (a == "-") {
      out.push_back("/vsistdin/");
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(a, ec)) {
      std::vector<std::string> files;
      std::filesystem::directory_iterator it(a, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const auto& e = *it;
        std::error_code type_ec;
        if (!e.is_regular_file(type_ec)) continue;
        const std::string ext =
            absl::AsciiStrToLower(e.path().extension().string());
        // The files a layer is read from; a Shapefile's .dbf, .shx, .prj
        // and .cpg are read beside its .shp.
        if (ext == ".geojson" || ext == ".json" || ext == ".shp" ||
            ext == ".csv" || ext == ".kml" || ext == ".gpkg" || ext == ".zip") {
          files.push_back(e.path().string());
        }
      }
      if (ec) {
        return absl::NotFoundError(absl::StrCat(a, ": ", ec.message()));
      }
      std::sort(files.begin(), files.end());
      for (auto& f : files) {
        out.push_back(absl::EndsWithIgnoreCase(f, ".zip")
                          ? absl::StrCat("/vsizip/", f)
                          : f);
      }
      continue;
    }
    if (!std::filesystem::exists(a, ec)) {
      return absl::NotFoundError(absl::StrCat(a, ": no such file"));
    }
    out.push_back(
        absl::EndsWithIgnoreCase(a, ".zip") ? absl::StrCat("/vsizip/", a) : a);
  }
  return out;
}

absl::StatusOr<std::unique_ptr<OgrSource>> OgrSource::Open(
    const std::string& path, const std::string& encoding) {
  RegisterOnce();
  CPLErrorReset();
  const std::string upper = absl::AsciiStrToUpper(encoding);
  char** options = nullptr;
  // The Shapefile driver recodes by itself when told (or by its .cpg).
  if (!upper.empty()) {
    options = CSLSetNameValue(options, "ENCODING", upper.c_str());
  }
  // GeoJSON otherwise guesses field types: a column of ROC dates such as
  // 115/08/10 would come back as the Gregorian year 115. pwis parses every
  // value itself (drivers without these options ignore them).
  options = CSLSetNameValue(options, "DATE_AS_STRING", "YES");
  options = CSLSetNameValue(options, "ARRAY_AS_STRING", "YES");
  auto* ds = static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                 options, nullptr));
  CSLDestroy(options);
  if (ds == nullptr) {
    return absl::InvalidArgumentError(
        LastGdalError(absl::StrCat(path, ": not a file GDAL can read")));
  }
  std::unique_ptr<OgrSource> s(new OgrSource);
  s->dataset_ = ds;
  s->file_ = path;
  if (ds->GetLayerCount() < 1) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no layer"));
  }
  // Reading one layer of several would skip records silently (and a full
  // snapshot would delete them).
  if (ds->GetLayerCount() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": ", ds->GetLayerCount(),
        " layers; pwis-import reads files of one layer (split it)"));
  }
  s->layer_ = ds->GetLayer(0);
  // Drivers that did not recode (CSV, GeoJSON) give the bytes as they are.
  const bool recoded = s->layer_->TestCapability(OLCStringsAsUTF8);
  if (!upper.empty() && upper != "UTF-8" && upper != "UTF8" && !recoded) {
    s->recode_from_ = upper;
  }
  s->expected_ = s->layer_->GetFeatureCount(/*bForce=*/FALSE);
  s->layer_->ResetReading();
  return s;
}

OgrSource::~OgrSource() {
  if (dataset_ != nullptr) GDALClose(dataset_);
}

bool OgrSource::Next(SourceRecord* out) {
  if (!status_.ok()) return false;
  CPLErrorReset();
  std::unique_ptr<OGRFeature> f(layer_->GetNextFeature());
  if (f == nullptr) {
    if (CPLGetLastErrorType() >= CE_Failure) {
      status_ = absl::InvalidArgumentError(LastGdalError(
          absl::StrCat(file_, ": reading stopped after record ", number_)));
    } else if (expected_ >= 0 && number_ != expected_) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(file_, ": ", number_, " records read of the ", expected_,
                       " the file announced"));
    }
    return false;
  }
  ++number_;
  out->file = file_;
  out->number = number_;
  out->fields.clear();
  out->broken_text.clear();
  out->problem.clear();
  OGRFeatureDefn* defn = f->GetDefnRef();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    std::string value;
    if (f->IsFieldSetAndNotNull(i)) {
      const char* raw = f->GetFieldAsString(i);
      if (!recode_from_.empty()) {
        std::optional<std::string> utf8 = Big5ToUtf8(raw);
        if (!utf8.has_value()) {
          if (out->broken_text.empty()) {
            out->broken_text = defn->GetFieldDefn(i)->GetNameRef();
          }
          value = ValidUtf8(raw);
        } else {
          value = *std::move(utf8);
        }
      } else {
        value = raw;
      }
      // A file in another encoding than the profile says: the record is
      // rejected, never stored with replacement characters.
      if (std::string valid = ValidUtf8(value); valid != value) {
        if (out->broken_text.empty()) {
          out->broken_text = defn->GetFieldDefn(i)->GetNameRef();
        }
        value = std::move(valid);
      }
    }
    out->fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef(),
                             std::move(value));
  }
  out->geometry.reset(f->StealGeometry());
  out->declared_crs = layer_->GetSpatialRef();
  return true;
}

}  // namespace pwis::importers
