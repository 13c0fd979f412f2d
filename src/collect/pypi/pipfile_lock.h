// Pipfile.lock (pipenv) and the Pipfile beside it.
//
// Pipfile.lock is JSON: "_meta" (the Pipfile's hash, "pipfile-spec", the
// package "sources"), then one object per package category: "default" (the
// Pipfile's [packages]), "develop" ([dev-packages]) and any custom category
// under its own name. Each category maps a package name to its pin:
//
//   "requests": {"hashes": ["sha256:..."], "index": "pypi",
//                "markers": "python_version >= '3.8'", "version": "==2.31.0"}
//   "pyyaml": {"git": "https://github.com/yaml/pyyaml.git", "ref": "a9c28e0b..."}
//   "mypkg": {"editable": true, "path": "."}
//
// The lock lists the whole resolved set and does not say which packages the
// user asked for; the Pipfile does, so its names mark the direct ones.
#ifndef CHAINWARD_COLLECT_PYPI_PIPFILE_LOCK_H_
#define CHAINWARD_COLLECT_PYPI_PIPFILE_LOCK_H_

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// The package names a Pipfile declares, by the Pipfile.lock category they
// lock into: [packages] -> "default", [dev-packages] -> "develop", a custom
// category table -> its own name. Names are PEP 503 normalized.
struct PipfileNames {
  std::map<std::string, std::set<std::string>> categories;
};

// Reads the names a Pipfile declares. Every top-level table other than
// [[source]], [requires], [scripts] and [pipenv] is a package category.
// Errors: TomlDocument::Parse's (kParse "path:line:col: ...", kLimit).
Result<PipfileNames> ParsePipfile(std::string_view path, std::string_view content);

// Parses a Pipfile.lock shown as `path`. Each entry gives a kPyPI package:
// its version from "==x" (another specifier goes to Package::specifier),
// hashes, markers, extras, the URL of its "index" source (userinfo
// redacted), and the git/ref, path, file and editable forms; develop
// entries are dev, custom categories optional. With `pipfile`, the names it
// declares in an entry's category are direct; without, no package is
// marked direct. Locations point at each entry's key.
// Errors: kParse for text that is not JSON or not a Pipfile.lock (no
// "_meta", "default" or "develop"), kLimit over limits::kMaxLockfileBytes
// or nested too deep. A malformed entry is reported to `diagnostics` and
// skipped.
Result<model::Source> ParsePipfileLock(std::string_view path, std::string_view content,
                                       const PipfileNames* pipfile, Diagnostics& diagnostics);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PIPFILE_LOCK_H_
