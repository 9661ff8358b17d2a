// Import profiles: loading and checking the text-format files.
#ifndef PWIS_IMPORTERS_PROFILE_H_
#define PWIS_IMPORTERS_PROFILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "importers/profile.pb.h"

namespace pwis::importers {

// Parses and checks one profile file: the target is known, every `to` is a
// field of the target, each field has exactly one of `from` / `value`, the
// target's required fields are given, the CRS is known. INVALID_ARGUMENT
// names the file and what is wrong.
absl::StatusOr<Profile> LoadProfileFile(const std::string& path);

// The profiles directory: PWIS_IMPORT_PROFILES, else the source tree's
// importers/profiles (compiled in).
std::string ProfileDirectory();

// NAME → DIR/NAME.textproto. NOT_FOUND lists the profiles there.
absl::StatusOr<Profile> LoadProfile(const std::string& name);

// Every profile in the directory, by name (for --help and the tests).
absl::StatusOr<std::vector<Profile>> LoadAllProfiles();

// The fields a target has, and those it requires.
const std::vector<std::string>& TargetFields(Target target);
bool TargetRequires(Target target, const std::string& field);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_PROFILE_H_
