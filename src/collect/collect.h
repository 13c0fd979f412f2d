// Finding and reading every dependency source under a path.
#ifndef CHAINWARD_COLLECT_COLLECT_H_
#define CHAINWARD_COLLECT_COLLECT_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/site_packages.h"
#include "model/package.h"

namespace chainward::collect {

// Everything read under the paths of a scan.
struct Collection {
  std::vector<model::Source> sources;
  // Installed Python environments, for the analyzers that look inside them
  // (.pth audit, RECORD check). Each one's packages are also a Source in
  // `sources`.
  std::vector<pypi::InstalledEnvironment> environments;
};

// Reads one lockfile, choosing the parser from its file name: npm's
// (package-lock.json, npm-shrinkwrap.json, .package-lock.json, yarn.lock,
// pnpm-lock.yaml, bun.lock, with the package.json beside it when the format
// needs one) and Python's (requirements files, uv.lock, poetry.lock,
// pdm.lock, pylock.toml, Pipfile.lock, pyproject.toml, with the declaring
// files beside them). `display` is how the path is shown in Locations.
// Errors: kUnsupported for a name no parser reads (bun.lockb included, with a
// hint), else the parser's or the reader's error.
Result<model::Source> ReadLockfile(const std::string& path,
                                   const std::string& display,
                                   Diagnostics& diagnostics);

// Walks `root` (a directory, or a single lockfile) and reads every lockfile,
// installed node_modules tree and Python environment (a site-packages or
// dist-packages folder, e.g. in each project's .venv) in it: monorepos with
// many lockfiles included. Skips .git, never follows a link out of the tree,
// ends link loops, and does not descend into node_modules or site-packages
// looking for more projects. Paths in the result are relative to `root`
// (prefixed with `display_root` when that is not empty). Unreadable parts go
// to `diagnostics`; the walk goes on.
Collection CollectTree(const std::string& root, const std::string& display_root,
                       Diagnostics& diagnostics);

}  // namespace chainward::collect

#endif  // CHAINWARD_COLLECT_COLLECT_H_
