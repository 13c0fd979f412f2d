// The RECORD check: installed files re-hashed against the digests their
// installer wrote.
//
// Every dist-info holds a RECORD with one "path,algorithm=digest,size" row
// per installed file. pip writes it and never reads it back; no common tool
// re-checks it. Here every listed file that has a digest is hashed again
// (streamed, on a few threads) and compared, and the distribution's own
// folders are searched for code that no RECORD lists.
//
// Finding ids (kind "record"), documented in docs/python.md:
//   CW-RECORD-MODIFIED  high for code and executables (.py, .pth, .so, .pyd,
//                       .dll, .dylib, .exe, scripts in bin/ or Scripts/, files
//                       with an exec bit), medium for other files: the
//                       digest or size differs from the RECORD row.
//   CW-RECORD-MISSING   low: files the RECORD lists with a digest that are
//                       gone; one finding per distribution.
//   CW-RECORD-UNLISTED  high: a code or executable file inside a folder the
//                       distribution installed that no RECORD lists.
// RECORD paths that leave the environment (absolute paths, "../" past the
// prefix, symbolic links out) are never read; they are warnings.
// __pycache__ folders and *.pyc files are left alone: installers list them
// without digests and Python rewrites them.
#ifndef CHAINWARD_ANALYZE_PYPI_RECORD_CHECK_H_
#define CHAINWARD_ANALYZE_PYPI_RECORD_CHECK_H_

#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/site_packages.h"
#include "model/finding.h"

namespace chainward::analyze::pypi {

// Checks every distribution of `environment` that has a RECORD, and the
// folders of every distribution for unlisted code. Reads files only; never
// writes. Findings come in distribution order: modified files (in RECORD
// order), then the missing-files finding, then unlisted files (in path
// order). Files that cannot be read, digests in an unknown algorithm or
// encoding, files over limits::kMaxHashedFileBytes and paths leaving the
// environment go to `diagnostics` as warnings.
// Errors: kIo when the site-packages directory itself cannot be resolved.
Result<std::vector<model::Finding>> CheckRecords(
    const collect::pypi::InstalledEnvironment& environment, Diagnostics& diagnostics);

}  // namespace chainward::analyze::pypi

#endif  // CHAINWARD_ANALYZE_PYPI_RECORD_CHECK_H_
