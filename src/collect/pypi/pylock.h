// pylock.toml and pylock.<name>.toml, the standard lockfile of PEP 751.
#ifndef CHAINWARD_COLLECT_PYPI_PYLOCK_H_
#define CHAINWARD_COLLECT_PYPI_PYLOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Parses a PEP 751 lockfile, reported as `path`. One Package per
// [[packages]] entry, in file order: name, version (optional for vcs and
// directory packages), markers from `marker`, `index` (unless PyPI's),
// kind and `resolved` from vcs ("git+URL@commit-id"), directory (editable
// as recorded), archive (URL or path) or the index, every hash of sdist,
// wheels and archive as "algo:hex", and edges from `dependencies`. PEP 751
// records no root, so flags.direct is not set; flags.dev and
// flags.optional are set when the entry's marker asks for a dependency
// group or an extra (and not both). attestation-identities and [tool] are
// not read.
// Errors: not TOML, over the size limit, no lock-version (kParse), a
// lock-version whose major version is not 1 (kUnsupported); a newer minor
// version is read with a warning. Malformed entries are reported and
// skipped.
Result<model::Source> ParsePylock(std::string_view path, std::string_view content,
                                  Diagnostics& diagnostics);

// True for "pylock.toml" and "pylock.<name>.toml" (a name without dots, as
// PEP 751 requires).
bool IsPylockName(std::string_view file_name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PYLOCK_H_
