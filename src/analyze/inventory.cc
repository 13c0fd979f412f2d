#include <sys/stat.h>

#include <deque>

#include "analyze/scan.h"
#include "collect/collect.h"

namespace chainward::analyze {

Inventory BuildInventory(const InventoryOptions& options) {
  Inventory inventory;
  Diagnostics diagnostics;
  for (const std::string& path : options.lockfiles) {
    auto source = collect::ReadLockfile(path, path, diagnostics);
    if (source) {
      inventory.sources.push_back(std::move(*source));
    } else {
      diagnostics.Add(source.error());
    }
  }
  for (const std::string& path : options.paths) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      diagnostics.Error(path, 0, 0, "no such file or directory");
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      std::vector<model::Source> sources = collect::CollectTree(path, path, diagnostics);
      for (model::Source& s : sources) inventory.sources.push_back(std::move(s));
    } else {
      auto source = collect::ReadLockfile(path, path, diagnostics);
      if (source) {
        inventory.sources.push_back(std::move(*source));
      } else {
        diagnostics.Add(source.error());
      }
    }
  }
  if (inventory.sources.empty() && !diagnostics.incomplete()) {
    // Nothing was read, so nothing was checked: never let that pass as clean.
    diagnostics.Error("", 0, 0,
                      "no lockfile or installed node_modules tree found in the given paths");
  }
  inventory.diagnostics = diagnostics.items();
  inventory.incomplete = diagnostics.incomplete();
  return inventory;
}

std::vector<std::string> PathFromDirect(const model::Source& source, std::uint32_t target) {
  const std::vector<model::Package>& packages = source.packages;
  if (target >= packages.size()) return {};
  // Breadth-first from every direct dependency at once; `parent` remembers
  // how each package was first reached, so the chain read back is shortest.
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  constexpr std::uint32_t kRoot = UINT32_MAX - 1;
  std::vector<std::uint32_t> parent(packages.size(), kUnseen);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t i = 0; i < packages.size(); ++i) {
    if (packages[i].flags.direct) {
      parent[i] = kRoot;
      queue.push_back(i);
    }
  }
  while (!queue.empty() && parent[target] == kUnseen) {
    std::uint32_t at = queue.front();
    queue.pop_front();
    for (std::uint32_t next : packages[at].dependencies) {
      if (next < packages.size() && parent[next] == kUnseen) {
        parent[next] = at;
        queue.push_back(next);
      }
    }
  }
  if (parent[target] == kUnseen) return {};
  std::vector<std::string> chain;
  for (std::uint32_t at = target; at != kRoot; at = parent[at]) {
    chain.push_back(packages[at].Display());
  }
  return {chain.rbegin(), chain.rend()};
}

}  // namespace chainward::analyze
