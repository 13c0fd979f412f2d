// Finding and reading every dependency source under a path.
#ifndef CHAINWARD_COLLECT_COLLECT_H_
#define CHAINWARD_COLLECT_COLLECT_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect {

// Reads one lockfile, choosing the parser from its file name
// (package-lock.json, npm-shrinkwrap.json, .package-lock.json, yarn.lock,
// pnpm-lock.yaml, bun.lock) and reading the package.json beside it when the
// format needs one. `display` is how the path is shown in Locations.
// Errors: kUnsupported for a name no parser reads (bun.lockb included, with a
// hint), else the parser's or the reader's error.
Result<model::Source> ReadLockfile(const std::string& path,
                                   const std::string& display,
                                   Diagnostics& diagnostics);

// Walks `root` (a directory, or a single lockfile) and reads every lockfile
// and installed node_modules tree in it: monorepos with many lockfiles
// included. Skips .git, never follows a link out of the tree, ends link
// loops, and does not descend into node_modules looking for more projects.
// Paths in the returned Sources are relative to `root` (prefixed with
// `display_root` when that is not empty). Unreadable parts go to
// `diagnostics`; the walk goes on.
std::vector<model::Source> CollectTree(const std::string& root,
                                       const std::string& display_root,
                                       Diagnostics& diagnostics);

}  // namespace chainward::collect

#endif  // CHAINWARD_COLLECT_COLLECT_H_
