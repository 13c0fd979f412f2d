// pdm.lock, written by PDM (lock_version 3.x and 4.x).
#ifndef CHAINWARD_COLLECT_PYPI_PDM_LOCK_H_
#define CHAINWARD_COLLECT_PYPI_PDM_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/pyproject.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Parses a pdm.lock, reported as `path`. One Package per distribution, in
// file order: PDM writes a second [[package]] entry for each set of extras
// asked of a package ("requests" with extras = ["socks"]); it is folded into
// the entry of the same name and version, its extras added to `extras` and
// its dependencies kept as that extra's edges. Hashes come from `files` (or
// [metadata.files] in older files), kind from git / url / path (git as
// "git+URL@revision", URLs redacted), editable from `editable`, markers
// from `marker`. Flags: with per-package `groups` (the inherit_metadata
// strategy), "default" is main, a group that `project` declares as an
// extra is optional, any other group dev; without them, from what the
// pyproject's declarations reach. `project` (the pyproject.toml beside the
// lock, or nullptr) names the direct dependencies; without it a warning
// says they are unknown and flags.direct stays unset.
// Errors: not TOML, over the size limit, no [metadata] lock_version
// (kParse), a lock_version whose major version is not 3 or 4
// (kUnsupported). Malformed entries are reported and skipped.
Result<model::Source> ParsePdmLock(std::string_view path, std::string_view content,
                                   const PyProject* project, Diagnostics& diagnostics);

// True for "pdm.lock".
bool IsPdmLockName(std::string_view file_name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PDM_LOCK_H_
