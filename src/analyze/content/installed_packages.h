// The installed packages of an inventory, as the content scan reads them.
//
// An npm package is its folder in a node_modules tree, without the nested
// node_modules of its own dependencies (those are packages of their own). A
// Python distribution is the files its RECORD lists (or installed-files.txt
// for an egg-info) that stay inside the environment. Lockfiles hold no bytes
// and give no packages here.
#ifndef CHAINWARD_ANALYZE_CONTENT_INSTALLED_PACKAGES_H_
#define CHAINWARD_ANALYZE_CONTENT_INSTALLED_PACKAGES_H_

#include <vector>

#include "analyze/content/content.h"
#include "analyze/scan.h"
#include "base/diagnostics.h"

namespace chainward::analyze::content {

// One PackageContent per installed npm package (node_modules sources) and
// per installed Python distribution (inventory.environments), files listed
// but not read. Links that leave a package's folder are not followed; a
// folder that cannot be listed goes to `diagnostics` as a warning.
std::vector<PackageContent> InstalledPackages(const Inventory& inventory,
                                              Diagnostics& diagnostics);

}  // namespace chainward::analyze::content

#endif  // CHAINWARD_ANALYZE_CONTENT_INSTALLED_PACKAGES_H_
