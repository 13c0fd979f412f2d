// The scan pipeline: collect sources, match them against advisories.
//
// `inventory` and `scan` are this pipeline with different stages switched
// on. Paths are walked by the collectors (collect/collect.h); matching looks
// every package version up in the advisory database (advisory/database.h)
// and folds the matches into one Finding per advisory and package version,
// with every place it was seen and the chain of dependencies that brought it.
#ifndef CHAINWARD_ANALYZE_SCAN_H_
#define CHAINWARD_ANALYZE_SCAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "collect/pypi/site_packages.h"
#include "model/finding.h"
#include "model/package.h"

namespace chainward::advisory {
class Database;
}

namespace chainward::analyze {

// A lockfile and the installed tree of the same project, compared.
struct InstalledDifference {
  enum class Kind { kMissing, kExtraneous, kVersionMismatch };
  Kind kind;
  std::string project;       // the project directory, as displayed
  std::string name;
  std::string locked_version;     // empty for kExtraneous
  std::string installed_version;  // empty for kMissing
  std::string install_path;
};

struct Inventory {
  std::vector<model::Source> sources;
  // The installed Python environments among the sources, with what the
  // environment analyzers need beyond the package list (RECORDs, .pth files).
  std::vector<collect::pypi::InstalledEnvironment> environments;
  std::vector<InstalledDifference> differences;
  std::vector<Diagnostic> diagnostics;
  bool incomplete = false;
};

struct ScanResult {
  Inventory inventory;
  std::vector<model::Finding> findings;  // most severe first
  std::string fail_on;                   // the threshold, for the summary
};

struct InventoryOptions {
  std::vector<std::string> paths;     // directories or lockfiles to read
  std::vector<std::string> lockfiles; // --lockfile: read exactly these files
};

// Reads every source the options name. Problems go into the returned
// Inventory's diagnostics; `incomplete` is set when any input was skipped.
Inventory BuildInventory(const InventoryOptions& options);

// Matches every package of `inventory` against `database` and returns the
// findings, most severe first. Packages whose version cannot be evaluated
// against a range are reported as warnings in `diagnostics`.
std::vector<model::Finding> MatchAdvisories(const Inventory& inventory,
                                            const advisory::Database& database,
                                            Diagnostics& diagnostics);

// Audits every installed Python environment of `inventory`: executable
// lines in .pth files (analyze/pypi/pth_audit.h) and installed files that
// differ from their distribution's RECORD (analyze/pypi/record_check.h).
// Files that cannot be checked go to `diagnostics` as warnings.
std::vector<model::Finding> AuditEnvironments(const Inventory& inventory,
                                              Diagnostics& diagnostics);

// Orders findings for reports: most severe first, then by package name,
// version and id; stable otherwise.
void SortFindings(std::vector<model::Finding>& findings);

// Chains from a direct dependency to the packages of one source: one
// breadth-first walk over the collector's edges, from every direct dependency
// at once, then each chain is read back in its own length.
class DependencyPaths {
 public:
  explicit DependencyPaths(const model::Source& source);

  // "name@version" steps from a direct dependency to package `target`, the
  // shortest chain. Empty when the source has no edges reaching it.
  std::vector<std::string> To(std::uint32_t target) const;

 private:
  const model::Source* source_;
  std::vector<std::uint32_t> parent_;  // how each package was first reached
};

}  // namespace chainward::analyze

#endif  // CHAINWARD_ANALYZE_SCAN_H_
