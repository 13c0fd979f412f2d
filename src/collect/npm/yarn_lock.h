// yarn.lock: Yarn classic (v1) and Yarn Berry (v2+) lockfiles.
#ifndef CHAINWARD_COLLECT_NPM_YARN_LOCK_H_
#define CHAINWARD_COLLECT_NPM_YARN_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/npm/manifest.h"
#include "model/package.h"

namespace chainward::collect::npm {

// Parses a yarn.lock, telling classic from Berry by its content (Berry has a
// `__metadata` entry). yarn.lock does not say which dependencies are direct
// or dev; `root_manifest` (the package.json beside it, or nullptr) supplies
// that, and workspace members are read from the Berry entries themselves.
Result<model::Source> ParseYarnLock(std::string_view path,
                                    std::string_view content,
                                    const Manifest* root_manifest,
                                    Diagnostics& diagnostics);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_YARN_LOCK_H_
