// pyproject.toml: the dependencies a Python project declares (PEP 621
// [project], PEP 735 [dependency-groups], Poetry's [tool.poetry] tables,
// PDM's dev-dependencies and uv's dev-dependencies and sources).
#ifndef CHAINWARD_COLLECT_PYPI_PYPROJECT_H_
#define CHAINWARD_COLLECT_PYPI_PYPROJECT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/lock_graph.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// One declared dependency, as the lock parsers need it.
struct Declaration {
  std::string name;                 // PEP 503 normalized
  std::vector<std::string> extras;  // normalized extras asked of it
  DependencyRole role = DependencyRole::kMain;
  // The extra ("cli") or group ("test", Poetry's "dev") it is declared in;
  // empty for the main dependencies.
  std::string group;
  // The Package in PyProject::source that declares it. A requirement a
  // dependency group includes from another group keeps the including
  // group's name here but points at the one Package of the included line.
  std::uint32_t package = 0;
};

// What one pyproject.toml declares.
struct PyProject {
  std::string name;  // [project] name, else [tool.poetry] name; as written
  // Every declaration, in file order: [project] dependencies, optional
  // dependencies, dependency groups (includes expanded), then the tool
  // tables. One name may appear several times (in several groups).
  std::vector<Declaration> declarations;
  // Normalized names of the project's extras and of its development groups
  // (PEP 735 groups, Poetry groups other than "main", PDM and uv
  // dev-dependencies), to classify a lockfile's group names.
  std::vector<std::string> extras;
  std::vector<std::string> dev_groups;
  // The declarations as packages: Source::format kPyproject, one Package
  // per declaration (see ParsePyProject).
  model::Source source;

  // The role the lockfile group `group` (normalized) stands for: kMain for
  // "main" and "default", kOptional for an extra, kDev otherwise.
  DependencyRole RoleOfGroup(std::string_view group) const;
};

// Parses `content`, reported as `path`. Each declaration becomes a Package:
// `version` only when the declaration pins one exact version (PEP 508 "==",
// or a bare Poetry version "1.2.3"), else `specifier` as written (Poetry's
// "^1.0" and "~1.2" kept); markers, extras, flags.direct always, flags.dev for
// development groups, flags.optional for extras and Poetry's optional = true,
// `kind` git / tarball / file for git, url and path sources (their URLs
// redacted into `resolved`), `index` from uv or Poetry named sources.
// Errors: the TomlDocument errors (not TOML, over the size limit). A
// malformed declaration is reported to `diagnostics` (file:line:col) and
// skipped; an include-group cycle or unknown group is reported and the
// group read without it.
Result<PyProject> ParsePyProject(std::string_view path, std::string_view content,
                                 Diagnostics& diagnostics);

// The root edges `project` declares, resolved by name in `names`: every
// package of a declared name, with the declaration's role and extras.
std::vector<RootEdge> DirectEdges(const PyProject& project, const NameIndex& names);

// True for "pyproject.toml".
bool IsPyprojectName(std::string_view file_name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PYPROJECT_H_
