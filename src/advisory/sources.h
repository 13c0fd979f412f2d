// Where `db import` reads OSV records from: a directory tree of .json files
// or a zip of them (osv.dev's all.zip layout), read in memory.
#ifndef CHAINWARD_ADVISORY_SOURCES_H_
#define CHAINWARD_ADVISORY_SOURCES_H_

#include <functional>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"

namespace chainward::advisory {

// Called once per record file: `name` is "path/to/file.json" for a
// directory, "archive.zip:MEMBER.json" for a zip member.
using RecordVisitor =
    std::function<void(std::string_view name, std::string_view content)>;

// Visits every *.json file below `path` (recursively, not following
// directory symlinks) or, when `path` is a file, every *.json member of the
// zip it holds. Files over limits::kMaxAdvisoryBytes or unreadable are
// reported to `diagnostics` and skipped.
// Errors: kNotFound when `path` does not exist; kIo when it cannot be read
// or is not a zip; kLimit when the zip exceeds a bound of base/limits.h
// (members, member size, compression ratio, total bytes) — the message
// names the archive and the member.
Result<void> VisitOsvFiles(const std::string& path, Diagnostics& diagnostics,
                           const RecordVisitor& visit);

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_SOURCES_H_
