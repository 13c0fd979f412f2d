// Structural analysers: what runs when, and what a file's bytes look like,
// beside the pattern rules.
//
// ClassifyPackage reads a package's manifests only: it decides each file's
// kind (an npm install hook's script file is kInstallScript, setup.py too,
// __init__.py kImportTime, .pth kStartup, binaries by name), adds virtual
// files for script lines so rules see them ("package.json#scripts.postinstall"),
// and raises package-level signals (an install hook, binding.gyp, setup.py).
// AnalyzeFileBytes runs on bytes the scanner already read, once per file:
// obfuscation measures, embedded executables and archives, Python
// import-time side effects, .pth lines.
#ifndef CHAINWARD_ANALYZE_CONTENT_STRUCTURE_H_
#define CHAINWARD_ANALYZE_CONTENT_STRUCTURE_H_

#include <string_view>
#include <vector>

#include "analyze/content/content.h"
#include "base/diagnostics.h"

namespace chainward::analyze::content {

// Sets the kind of every file of `package`, appends virtual files, and
// returns the package-level signals. Reads the package's manifests from
// disk (or from `bytes` for archive members); problems go to `diagnostics`.
std::vector<Signal> ClassifyPackage(PackageContent& package, Diagnostics& diagnostics);

// The per-file structural signals for `file` of `package`, whose content
// (or its first bytes, when the file is over the scan's bound) is `bytes`.
// Thread-safe; allocates nothing shared.
std::vector<Signal> AnalyzeFileBytes(const PackageContent& package, const PackageFile& file,
                                     std::string_view bytes);

}  // namespace chainward::analyze::content

#endif  // CHAINWARD_ANALYZE_CONTENT_STRUCTURE_H_
