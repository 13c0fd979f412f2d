// uv.lock, the universal lockfile of uv (lock version 1, every revision).
#ifndef CHAINWARD_COLLECT_PYPI_UV_LOCK_H_
#define CHAINWARD_COLLECT_PYPI_UV_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// Parses a uv.lock, reported as `path`. One Package per [[package]] entry,
// in file order: name, version (absent for members with a dynamic
// version), kind and `resolved` from `source` (registry URLs other than
// PyPI's go to `index`; git sources become "git+URL@commit"; every URL
// redacted of userinfo), every sdist and wheel hash, and `markers` from the
// entry's resolution-markers (the fork it belongs to). The project itself
// and the workspace members ([manifest] members, or the package at ".") are
// kWorkspace: they are the roots, their dependencies are direct, and
// dev / optional / dev_optional follow from what their dependencies,
// dependency groups and extras reach (see lock_graph.h). Edges name a
// package by name, and by version and source where the name is ambiguous
// (forks).
// Errors: not TOML, over the size limit (kLimit), no "version" (kParse), a
// version other than 1 (kUnsupported), the [[distribution]] layout of uv's
// 0.2 previews (kUnsupported). A malformed entry or edge is reported to
// `diagnostics` at its line and column and skipped.
Result<model::Source> ParseUvLock(std::string_view path, std::string_view content,
                                  Diagnostics& diagnostics);

// True for "uv.lock".
bool IsUvLockName(std::string_view file_name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_UV_LOCK_H_
