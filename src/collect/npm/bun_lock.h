// bun.lock, the text lockfile of Bun 1.2+ (JSON with trailing commas).
#ifndef CHAINWARD_COLLECT_NPM_BUN_LOCK_H_
#define CHAINWARD_COLLECT_NPM_BUN_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::npm {

// Parses a bun.lock. The "workspaces" section gives direct dependencies.
Result<model::Source> ParseBunLock(std::string_view path,
                                   std::string_view content,
                                   Diagnostics& diagnostics);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_BUN_LOCK_H_
