// The content scan: every file of every package read once, matched against
// the compiled rules and the per-file analysers, on a pool of threads; then
// the verdict rules over each package's signals.
#ifndef CHAINWARD_ANALYZE_CONTENT_SCANNER_H_
#define CHAINWARD_ANALYZE_CONTENT_SCANNER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyze/content/content.h"
#include "analyze/content/rules.h"
#include "base/diagnostics.h"

namespace chainward::analyze::content {

// A per-file analyser beside the pattern rules (user YARA rules, ...).
// Scan must be safe to call from several threads at once.
class FileAnalyser {
 public:
  virtual ~FileAnalyser() = default;
  virtual void Scan(const PackageContent& package, const PackageFile& file, std::string_view bytes,
                    std::vector<Signal>& out) const = 0;
};

struct ScanOptions {
  unsigned threads = 0;  // 0: one per hardware thread
  // Bytes of one file read and matched; the rest of a larger file is not,
  // and a note says so (limits::kMaxScannedFileBytes when 0).
  std::uint64_t max_file_bytes = 0;
  std::vector<const FileAnalyser*> extra;  // not owned
};

// Classifies every package (structure.h), reads each file once, bounded,
// matches `rules` and the per-file analysers, and evaluates the verdict
// rules. Returns one result per package, in order. Files that cannot be
// read go to `diagnostics` as warnings; nothing is written anywhere.
std::vector<PackageResult> ScanPackages(std::vector<PackageContent>& packages,
                                        const RuleSet& rules, const ScanOptions& options,
                                        Diagnostics& diagnostics);

// The findings a package's result gives: one per verdict (kind "verdict",
// listing the signals that made it), and one per signal of severity medium
// or above (kind "content"); low and info signals only feed verdicts.
std::vector<model::Finding> ToFindings(const PackageContent& package,
                                       const PackageResult& result);

}  // namespace chainward::analyze::content

#endif  // CHAINWARD_ANALYZE_CONTENT_SCANNER_H_
