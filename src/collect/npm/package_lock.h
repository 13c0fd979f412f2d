// package-lock.json (v1, v2, v3), npm-shrinkwrap.json and node_modules/.package-lock.json.
#ifndef CHAINWARD_COLLECT_NPM_PACKAGE_LOCK_H_
#define CHAINWARD_COLLECT_NPM_PACKAGE_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/npm/manifest.h"
#include "model/package.h"

namespace chainward::collect::npm {

// Parses an npm lockfile. `format` says which of the three files it is
// (kPackageLock, kShrinkwrap or kHiddenLockfile); `path` is used for
// messages and Location::file. v1 files name no direct dependencies, so
// `root_manifest` (the package.json beside the lockfile, or nullptr) supplies
// them when given.
// Whole-file failures (not JSON, unknown lockfileVersion, limits) are
// errors; a malformed entry is reported to `diagnostics` and skipped.
Result<model::Source> ParsePackageLock(std::string_view path,
                                       std::string_view content,
                                       model::SourceFormat format,
                                       const Manifest* root_manifest,
                                       Diagnostics& diagnostics);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_PACKAGE_LOCK_H_
