// The Python dependency files of one project folder, read together.
//
// A Python project may hold a lockfile (uv.lock, poetry.lock, pdm.lock,
// pylock.toml, Pipfile.lock), requirements files, and a pyproject.toml or
// Pipfile that declares what the lockfile resolved. The declaring files are
// read first: they say which locked packages are direct. pyproject.toml is
// a source of its own only when no lockfile beside it pins its dependencies.
#ifndef CHAINWARD_COLLECT_PYPI_PROJECT_H_
#define CHAINWARD_COLLECT_PYPI_PROJECT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Which Python dependency file `relative` (a path below the scan root, its
// last component the file name) is: a lockfile, a requirements file, or a
// declaring file (pyproject.toml, Pipfile). Case matters as the tools' own
// lookups do, except for requirements files.
enum class FileRole { kNone, kLockfile, kRequirements, kDeclaration };
FileRole RoleOf(std::string_view relative);

// Reads the Python files `names` (base names, as RoleOf accepted them) of the
// folder `dir`, shown as `display_dir`; `root` is the scan root that
// requirements includes may not leave. Problems go to `diagnostics`.
std::vector<model::Source> ReadProject(const std::string& dir, const std::string& display_dir,
                                       const std::string& root,
                                       const std::vector<std::string>& names,
                                       Diagnostics& diagnostics);

// Reads one Python lockfile or requirements file named on the command line
// (--lockfile), with the declaring files beside it when there are any.
// Errors: kUnsupported for a name that is no Python dependency file; the
// parser's errors otherwise.
Result<model::Source> ReadDependencyFile(const std::string& path, const std::string& display,
                                         Diagnostics& diagnostics);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PROJECT_H_
