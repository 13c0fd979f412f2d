// Content analysis: what a package's own bytes say it does.
//
// The nouns shared by the rule engine (rules.h, scanner.h), the structural
// analysers (structure.h) and the readers that hand packages to them
// (installed trees, archives). docs/rules.md describes the rule format and
// the categories; this header is the contract between the pieces:
//
//   PackageContent ──ClassifyPackage──▶ file kinds, virtual files, package signals
//                  ──ContentScanner───▶ per file: pattern rules + AnalyzeFileBytes
//                                       per package: verdict rules over all signals
//                  ──────────────────▶ PackageVerdict (signals, verdicts) ──▶ Findings
#ifndef CHAINWARD_ANALYZE_CONTENT_CONTENT_H_
#define CHAINWARD_ANALYZE_CONTENT_CONTENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/package.h"

namespace chainward::analyze::content {

enum class Confidence : std::uint8_t { kLow, kMedium, kHigh };
// "low", "medium", "high".
std::string_view ConfidenceName(Confidence confidence);

// What a file is to its package (docs/rules.md, "File kinds").
enum class FileKind : std::uint8_t {
  kSource,
  kInstallScript,  // run by an npm install hook, or setup.py
  kBuildScript,    // binding.gyp, an in-tree Python build backend
  kImportTime,     // Python __init__.py and modules entry points load
  kStartup,        // Python .pth
  kManifest,       // package.json, pyproject.toml, setup.cfg, METADATA, PKG-INFO
  kBinary,         // ELF, PE, Mach-O, .node, .so, .dll, .dylib, .exe
  kArchive,        // zip, gzip, tar, 7z, rar
};
// "source", "install-script", "build-script", "import-time", "startup",
// "manifest", "binary", "archive".
std::string_view FileKindName(FileKind kind);

// One file of a package. Its bytes are on disk at `real`, or held in
// `bytes` (archive members; virtual files such as an npm script line,
// "package.json#scripts.postinstall").
struct PackageFile {
  std::string path;     // inside the package, "/"-separated: "lib/setup.js"
  std::string display;  // as locations show it: "app/node_modules/x/lib/setup.js"
  std::string real;     // where to read it; empty when `bytes` holds the content
  std::string bytes;
  std::uint64_t size = 0;
  FileKind kind = FileKind::kSource;
  bool executable = false;  // the exec bit, where the source records one
};

// One package, as a scan hands it to the content analysis.
struct PackageContent {
  model::Ecosystem ecosystem = model::Ecosystem::kNpm;
  std::string name;
  std::string version;
  std::string purl;
  std::string root;     // the package's folder on disk; empty for an archive
  std::string display;  // how the package's folder or archive is shown
  std::vector<PackageFile> files;
};

// One thing an analyser saw: a rule matched, or a structural check fired.
struct Signal {
  std::string rule_id;   // "CW-JS-CURL-PIPE-SHELL", "CW-NPM-INSTALL-HOOK"
  std::string name;      // the rule's one-line name
  std::string category;  // docs/rules.md categories: "download-execute", ...
  model::Severity severity = model::Severity::kInfo;
  Confidence confidence = Confidence::kLow;
  std::string path;  // the file inside the package; empty for package-level signals
  FileKind kind = FileKind::kSource;  // of that file
  // Where: up to 5 places, display path with line and column.
  std::vector<model::Location> locations;
  std::string snippet;  // the first match's line, made safe to print, at most 120 bytes
  std::string note;     // what the analyser measured, when that helps ("312 _0x names")
};

// A verdict rule that held for a package, with the signals that made it.
struct Verdict {
  std::string rule_id;
  std::string name;
  model::Severity severity = model::Severity::kInfo;
  Confidence confidence = Confidence::kLow;
  std::vector<std::size_t> because;  // indices into PackageResult::signals
};

struct PackageResult {
  std::vector<Signal> signals;
  std::vector<Verdict> verdicts;
};

}  // namespace chainward::analyze::content

#endif  // CHAINWARD_ANALYZE_CONTENT_CONTENT_H_
