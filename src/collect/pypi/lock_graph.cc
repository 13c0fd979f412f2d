// Reachability with extras, for the dev and optional flags of Python locks.
//
// Python lockfiles record one resolution for every group and extra of the
// project, so whether a package is needed in production cannot be read from
// its entry alone: it follows from the paths that lead to it. An edge may
// ask for extras of its target ("httpx[socks]"), and only then do the
// target's edges for that extra count. The walk therefore visits states
// (package, extra): the state (p, "") follows p's base edges, (p, e) follows
// the edges p has for extra e.
//
// Three walks, one per role of the roots (main, optional, dev), each an
// explicit queue over states (no recursion: lockfiles are hostile input),
// give three reach sets. Example, the root declaring
//
//   main: app-lib          dev: pytest          optional (extra "fast"): orjson
//
// with app-lib -> httpx[socks] -> socksio and pytest -> iniconfig: httpx,
// socksio and app-lib are main-reachable (no flag); pytest and iniconfig are
// only dev-reachable (dev); orjson only optional-reachable (optional). A
// package both dev- and optional-reachable but not main-reachable is
// dev_optional, as npm says of packages needed only by dev or optional
// paths.
#include "collect/pypi/lock_graph.h"

#include <deque>
#include <set>
#include <utility>

namespace chainward::collect::pypi {

void LockGraph::AddEdge(std::uint32_t from, LockEdge edge) {
  base_[from].push_back(std::move(edge));
}

void LockGraph::AddExtraEdge(std::uint32_t from, const std::string& extra, LockEdge edge) {
  for (auto& [name, edges] : extras_[from]) {
    if (name == extra) {
      edges.push_back(std::move(edge));
      return;
    }
  }
  extras_[from].emplace_back(extra, std::vector<LockEdge>{std::move(edge)});
}

std::vector<bool> LockGraph::Reach(const std::vector<RootEdge>& roots, DependencyRole role) const {
  std::vector<bool> reached(size(), false);
  // States already queued: (package, extra); extra "" is the base state.
  std::set<std::pair<std::uint32_t, std::string>> seen;
  std::deque<std::pair<std::uint32_t, std::string>> queue;
  auto visit = [&](const LockEdge& edge) {
    if (edge.to >= size()) return;
    reached[edge.to] = true;
    if (seen.emplace(edge.to, std::string()).second) queue.emplace_back(edge.to, std::string());
    for (const std::string& extra : edge.extras) {
      if (seen.emplace(edge.to, extra).second) queue.emplace_back(edge.to, extra);
    }
  };
  for (const RootEdge& root : roots) {
    if (root.role == role) visit(root.edge);
  }
  while (!queue.empty()) {
    auto [package, extra] = std::move(queue.front());
    queue.pop_front();
    if (extra.empty()) {
      for (const LockEdge& edge : base_[package]) visit(edge);
      continue;
    }
    for (const auto& [name, edges] : extras_[package]) {
      if (name != extra) continue;
      for (const LockEdge& edge : edges) visit(edge);
    }
  }
  return reached;
}

void LockGraph::Apply(const std::vector<RootEdge>& roots,
                      std::vector<model::Package>& packages) const {
  for (std::uint32_t i = 0; i < size() && i < packages.size(); ++i) {
    std::vector<std::uint32_t>& out = packages[i].dependencies;
    std::set<std::uint32_t> have(out.begin(), out.end());
    auto add = [&](const LockEdge& edge) {
      if (edge.to < packages.size() && edge.to != i && have.insert(edge.to).second) {
        out.push_back(edge.to);
      }
    };
    for (const LockEdge& edge : base_[i]) add(edge);
    for (const auto& [name, edges] : extras_[i]) {
      for (const LockEdge& edge : edges) add(edge);
    }
  }
  if (roots.empty()) return;
  for (const RootEdge& root : roots) {
    if (root.edge.to < packages.size()) packages[root.edge.to].flags.direct = true;
  }
  std::vector<bool> main = Reach(roots, DependencyRole::kMain);
  std::vector<bool> optional = Reach(roots, DependencyRole::kOptional);
  std::vector<bool> dev = Reach(roots, DependencyRole::kDev);
  for (std::size_t i = 0; i < size() && i < packages.size(); ++i) {
    model::PackageFlags& flags = packages[i].flags;
    if (main[i]) {
      flags.dev = flags.optional = flags.dev_optional = false;
    } else if (optional[i] && dev[i]) {
      flags.dev = flags.optional = false;
      flags.dev_optional = true;
    } else if (optional[i]) {
      flags.optional = true;
      flags.dev = flags.dev_optional = false;
    } else if (dev[i]) {
      flags.dev = true;
      flags.optional = flags.dev_optional = false;
    }
  }
}

void NameIndex::Add(std::string_view normalized_name, std::uint32_t index) {
  by_name_[std::string(normalized_name)].push_back(index);
}

const std::vector<std::uint32_t>& NameIndex::Find(std::string_view normalized_name) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = by_name_.find(std::string(normalized_name));
  return it == by_name_.end() ? kNone : it->second;
}

}  // namespace chainward::collect::pypi
