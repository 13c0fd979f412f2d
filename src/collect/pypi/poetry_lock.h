// poetry.lock, written by Poetry 1.x (lock-version 1.1 and 2.0) and 2.x
// (lock-version 2.1).
#ifndef CHAINWARD_COLLECT_PYPI_POETRY_LOCK_H_
#define CHAINWARD_COLLECT_PYPI_POETRY_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/pyproject.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Parses a poetry.lock, reported as `path`. One Package per [[package]], in
// file order: name, version, hashes (from `files`, or from [metadata.files]
// in lock-version 1.x), kind from [package.source] (git as
// "git+URL@resolved_reference", url, file and directory; a named "legacy"
// source's URL in `index`, redacted), editable for develop = true, markers
// as written (a per-group markers table is read as its "main" entry, else
// its entries joined with "or"), and edges from [package.dependencies] and
// [package.extras]. flags.optional is the entry's `optional`; flags.dev comes
// from `groups` (2.1: no "main" among them) or `category` (1.x: "dev"), and
// for 2.0 files, which record neither, from what the pyproject's groups
// reach. `project` (the pyproject.toml beside the lock, or nullptr) names
// the direct dependencies; without it a warning says they are unknown and
// flags.direct stays unset.
// Errors: not TOML, over the size limit, no [metadata] lock-version
// (kParse), a lock-version whose major version is not 1 or 2
// (kUnsupported). Malformed entries are reported and skipped.
Result<model::Source> ParsePoetryLock(std::string_view path, std::string_view content,
                                      const PyProject* project, Diagnostics& diagnostics);

// True for "poetry.lock".
bool IsPoetryLockName(std::string_view file_name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_POETRY_LOCK_H_
