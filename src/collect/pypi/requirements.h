// pip requirements files (requirements.txt and the files it includes with
// -r and -c), read as pip would install them.
//
// A requirements file lists what the user asked pip for, so every package
// read from one is direct. Entries carry the requirement as written: the
// version when it is pinned ("==" or "==="), the specifier otherwise, and
// markers unevaluated (a scan covers every platform). A constraint file (-c)
// adds no packages; its "==" pins give their versions to unpinned
// requirements of the same name, as pip's resolver would.
//
// Included files are read relative to the including file, each once; a
// cycle is a warning. Nothing outside the scan root is read: an include or a
// local project path that leaves the root, lexically or through a symbolic
// link, is refused with an error diagnostic. URLs are never fetched.
#ifndef CHAINWARD_COLLECT_PYPI_REQUIREMENTS_H_
#define CHAINWARD_COLLECT_PYPI_REQUIREMENTS_H_

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Whether discovery reads a file of this name as a requirements file. `name`
// is a base name, or a relative path whose last folder counts too: a ".txt"
// file whose name holds "requirements" ("requirements.txt",
// "requirements-dev.txt", "requirements_test.txt", "dev-requirements.txt"),
// and any ".txt" file in a folder named "requirements"
// ("requirements/dev.txt"). Constraint files ("constraints.txt") are not:
// they install nothing and are read through the -c that names them. Nor are
// pip-tools' "*.in" inputs: the ".txt" compiled from them is what pip
// installs, and reading both would list every package twice. Case is
// ignored.
bool IsRequirementsFileName(std::string_view name);

// Reads the requirements file at `path` and every file it includes.
// `display` is how `path` is shown in Locations and messages; included files
// are shown relative to it. `root` is the scan root: nothing outside it is
// read (empty: the folder of `path`). Relative local project paths ("-e .",
// "./vendor/lib") are taken from the folder of `path`, where pip is usually
// run.
// Errors: the reader's (kNotFound, kIo, kLimit over
// limits::kMaxLockfileBytes) for `path` itself, shown as `display`, and
// kInvalidArgument when `path` lies outside `root`. Every problem inside
// the files goes to `diagnostics` and reading goes on.
Result<model::Source> ReadRequirements(const std::string& path, const std::string& display,
                                       const std::string& root, Diagnostics& diagnostics);

// Reads requirements from `content` alone, shown as `display`, without the
// file system: -r and -c are reported as not followed, and local project
// paths cannot be named (a warning each). For fuzzing and for text that has
// no file. Errors: kLimit when `content` is over limits::kMaxLockfileBytes.
Result<model::Source> ParseRequirements(std::string_view display, std::string_view content,
                                        Diagnostics& diagnostics);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REQUIREMENTS_H_
