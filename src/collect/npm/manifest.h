// package.json, the manifest of an npm package or project.
#ifndef CHAINWARD_COLLECT_NPM_MANIFEST_H_
#define CHAINWARD_COLLECT_NPM_MANIFEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace chainward::collect::npm {

// name -> version specifier ("^1.2.0", "npm:bar@1", "git+https://...",
// "file:../x", "workspace:*"), in file order.
using DependencyList = std::vector<std::pair<std::string, std::string>>;

struct Manifest {
  std::string name;
  std::string version;
  DependencyList dependencies;
  DependencyList dev_dependencies;
  DependencyList optional_dependencies;
  DependencyList peer_dependencies;
  std::vector<std::string> peer_optional;      // peerDependenciesMeta.*.optional
  std::vector<std::string> bundle_dependencies;  // bundleDependencies / bundledDependencies
  // Lifecycle scripts that run at install time, by name, with their command:
  // preinstall, install, postinstall (and prepare, which runs for git deps).
  std::vector<std::pair<std::string, std::string>> install_scripts;
  bool gypfile = false;  // "gypfile": true
  // Workspace globs: "workspaces": [...] or {"packages": [...]}.
  std::vector<std::string> workspaces;
  std::vector<std::string> os, cpu, libc;
  // Set by npm in installed package.json files ("_resolved", "_integrity").
  std::string resolved;
  std::string integrity;
};

// Parses a package.json. `path` is used in messages only.
// Unknown fields are ignored; fields of the wrong type are ignored too (npm
// itself tolerates them) except "name", "version" and the dependency maps,
// whose wrong types are errors. Returns kParse with "path:line:col: ..." for
// malformed JSON or a top level that is not an object, kLimit when nesting
// exceeds limits::kMaxNestingDepth.
Result<Manifest> ParseManifest(std::string_view path, std::string_view content);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_MANIFEST_H_
