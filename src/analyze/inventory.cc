#include <sys/stat.h>

#include <deque>
#include <map>
#include <set>

#include "analyze/scan.h"
#include "collect/collect.h"

namespace chainward::analyze {

namespace {

std::string ParentOf(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// The project directory a source belongs to, as displayed.
std::string ProjectOf(const model::Source& s) {
  switch (s.format) {
    case model::SourceFormat::kNodeModules: return ParentOf(s.path);
    case model::SourceFormat::kHiddenLockfile: return ParentOf(ParentOf(s.path));
    default: return ParentOf(s.path);
  }
}

bool ExpectedAbsent(const model::Package& p) {
  return p.flags.platform_skipped || p.kind == model::SourceKind::kLink ||
         p.kind == model::SourceKind::kWorkspace || p.kind == model::SourceKind::kFile;
}

// Compares a project's lockfile with its installed tree. npm-family
// lockfiles record install paths, so they are compared path by path; the
// others by name and version.
void Compare(model::Source& lock, const model::Source& tree, const std::string& project,
             std::vector<InstalledDifference>& out) {
  bool by_path = lock.format == model::SourceFormat::kPackageLock ||
                 lock.format == model::SourceFormat::kShrinkwrap;
  auto key = [by_path](const model::Package& p) {
    return by_path ? p.install_path : p.name + "@" + p.version;
  };
  std::map<std::string, const model::Package*> installed;
  for (const model::Package& p : tree.packages) installed.emplace(key(p), &p);
  std::set<std::string> locked;
  for (model::Package& p : lock.packages) {
    locked.insert(key(p));
    if (ExpectedAbsent(p)) continue;
    auto it = installed.find(key(p));
    if (it == installed.end()) {
      p.flags.not_installed = true;
      out.push_back({InstalledDifference::Kind::kMissing, project, p.name, p.version, "",
                     p.install_path});
    } else if (by_path && it->second->version != p.version) {
      out.push_back({InstalledDifference::Kind::kVersionMismatch, project, p.name, p.version,
                     it->second->version, p.install_path});
    }
  }
  for (const model::Package& p : tree.packages) {
    if (p.kind == model::SourceKind::kWorkspace || p.kind == model::SourceKind::kFile) continue;
    if (!locked.count(key(p))) {
      out.push_back({InstalledDifference::Kind::kExtraneous, project, p.name, "", p.version,
                     p.install_path});
    }
  }
}

void CompareInstalledTrees(Inventory& inventory) {
  std::map<std::string, std::size_t> trees;
  for (std::size_t i = 0; i < inventory.sources.size(); ++i) {
    if (inventory.sources[i].format == model::SourceFormat::kNodeModules) {
      trees.emplace(ProjectOf(inventory.sources[i]), i);
    }
  }
  std::set<std::string> compared;
  // The lockfile the package manager installs from: a shrinkwrap wins.
  for (auto format : {model::SourceFormat::kShrinkwrap, model::SourceFormat::kPackageLock,
                      model::SourceFormat::kPnpmLock, model::SourceFormat::kYarnV1,
                      model::SourceFormat::kYarnBerry, model::SourceFormat::kBunLock}) {
    for (model::Source& s : inventory.sources) {
      if (s.format != format) continue;
      std::string project = ProjectOf(s);
      auto tree = trees.find(project);
      if (tree == trees.end() || !compared.insert(project).second) continue;
      Compare(s, inventory.sources[tree->second], project, inventory.differences);
    }
  }
}

}  // namespace

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
      collect::Collection found = collect::CollectTree(path, path, diagnostics);
      for (model::Source& s : found.sources) inventory.sources.push_back(std::move(s));
      for (auto& e : found.environments) inventory.environments.push_back(std::move(e));
    } else {
      auto source = collect::ReadLockfile(path, path, diagnostics);
      if (source) {
        inventory.sources.push_back(std::move(*source));
      } else {
        diagnostics.Add(source.error());
      }
    }
  }
  CompareInstalledTrees(inventory);
  if (inventory.sources.empty() && !diagnostics.incomplete()) {
    // Nothing was read, so nothing was checked: never let that pass as clean.
    diagnostics.Error("", 0, 0,
                      "no lockfile, installed node_modules tree or Python environment found "
                      "in the given paths");
  }
  inventory.diagnostics = diagnostics.items();
  inventory.incomplete = diagnostics.incomplete();
  return inventory;
}

namespace {
constexpr std::uint32_t kUnseen = UINT32_MAX;
constexpr std::uint32_t kRoot = UINT32_MAX - 1;
}  // namespace

DependencyPaths::DependencyPaths(const model::Source& source)
    : source_(&source), parent_(source.packages.size(), kUnseen) {
  const std::vector<model::Package>& packages = source.packages;
  std::deque<std::uint32_t> queue;
  for (std::uint32_t i = 0; i < packages.size(); ++i) {
    if (packages[i].flags.direct) {
      parent_[i] = kRoot;
      queue.push_back(i);
    }
  }
  while (!queue.empty()) {
    std::uint32_t at = queue.front();
    queue.pop_front();
    for (std::uint32_t next : packages[at].dependencies) {
      if (next < packages.size() && parent_[next] == kUnseen) {
        parent_[next] = at;
        queue.push_back(next);
      }
    }
  }
}

std::vector<std::string> DependencyPaths::To(std::uint32_t target) const {
  if (target >= parent_.size() || parent_[target] == kUnseen) return {};
  std::vector<std::string> chain;
  for (std::uint32_t at = target; at != kRoot; at = parent_[at]) {
    chain.push_back(source_->packages[at].Display());
  }
  return {chain.rbegin(), chain.rend()};
}

}  // namespace chainward::analyze
