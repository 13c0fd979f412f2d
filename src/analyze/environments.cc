// The installed-environment analyzers, run over every environment a scan
// found.
#include "analyze/pypi/pth_audit.h"
#include "analyze/pypi/record_check.h"
#include "analyze/scan.h"

namespace chainward::analyze {

std::vector<model::Finding> AuditEnvironments(const Inventory& inventory,
                                              Diagnostics& diagnostics) {
  std::vector<model::Finding> findings;
  for (const collect::pypi::InstalledEnvironment& environment : inventory.environments) {
    for (model::Finding& f : pypi::AuditPth(environment)) findings.push_back(std::move(f));
    auto checked = pypi::CheckRecords(environment, diagnostics);
    if (!checked) {
      diagnostics.Add(checked.error());
      continue;
    }
    for (model::Finding& f : *checked) findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace chainward::analyze
