// The dependency graph of a Python lockfile, with extras, and the flags it
// implies: which packages are direct, and which are needed only for
// development (dev), only through extras (optional), or only through both.
#ifndef CHAINWARD_COLLECT_PYPI_LOCK_GRAPH_H_
#define CHAINWARD_COLLECT_PYPI_LOCK_GRAPH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/package.h"

namespace chainward::collect::pypi {

// Why the project asks for a dependency.
enum class DependencyRole : std::uint8_t {
  kMain,      // [project] dependencies, Poetry's main group, PDM's default
  kOptional,  // an extra of the project ([project.optional-dependencies])
  kDev,       // a dependency group or dev-dependencies
};

// One edge: the package it leads to and the extras it asks of it
// (normalized names). Asking for an extra activates that extra's edges.
struct LockEdge {
  std::uint32_t to = 0;
  std::vector<std::string> extras;
};

// A root edge: a dependency the project itself declares.
struct RootEdge {
  LockEdge edge;
  DependencyRole role = DependencyRole::kMain;
};

// Edges of every package, index-aligned with Source::packages.
class LockGraph {
 public:
  explicit LockGraph(std::size_t packages) : base_(packages), extras_(packages) {}

  std::size_t size() const { return base_.size(); }
  // An edge always followed from `from`.
  void AddEdge(std::uint32_t from, LockEdge edge);
  // An edge followed only when `from` is asked for `extra` (normalized).
  void AddExtraEdge(std::uint32_t from, const std::string& extra, LockEdge edge);

  // Fills Package::dependencies (every target, each once, in the order
  // first seen: base edges, then extras) and, from the roots, sets
  // flags.direct on every root target and flags.dev / optional /
  // dev_optional on every package the roots reach: a package reached through
  // a main root path is none of them; otherwise optional when reached only
  // through extras, dev when only through dev roots, dev_optional when
  // through both. Packages no root reaches keep the flags they have.
  void Apply(const std::vector<RootEdge>& roots, std::vector<model::Package>& packages) const;

 private:
  // Marks what `roots` of one role reach, walking (package, extra) states
  // with an explicit queue.
  std::vector<bool> Reach(const std::vector<RootEdge>& roots, DependencyRole role) const;

  std::vector<std::vector<LockEdge>> base_;
  std::vector<std::vector<std::pair<std::string, std::vector<LockEdge>>>> extras_;
};

// Packages by PEP 503 normalized name, for resolving edges by name.
class NameIndex {
 public:
  void Add(std::string_view normalized_name, std::uint32_t index);
  // Every package of that (normalized) name, in file order; empty if none.
  const std::vector<std::uint32_t>& Find(std::string_view normalized_name) const;

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_name_;
};

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_LOCK_GRAPH_H_
