// A fast reader for the subset of YAML that lockfiles use (pnpm-lock.yaml,
// Yarn 2+ yarn.lock).
//
// Supported: block mappings and sequences by indentation, plain, 'single'
// and "double" quoted scalars (with escapes), one-line flow collections
// ({a: 1, b: c} and [a, b]), comments, and "---" / "..." document streams.
// Anything else (anchors, aliases, tags, block scalars, multi-line scalars,
// complex keys, directives) is refused with a "path:line:col: unsupported
// YAML: ..." Error, since no lockfile writer produces it.
//
// The result is an arena: every node of every document lives in one vector
// and is named by a NodeId. Scalars are views into the input wherever no
// unescaping was needed, so the input must outlive the Tree.
#ifndef CHAINWARD_COLLECT_LOCKFILE_YAML_H_
#define CHAINWARD_COLLECT_LOCKFILE_YAML_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace chainward::collect::yaml {

using NodeId = std::uint32_t;
// "No such node". Every accessor accepts it: it reads as an empty null, so
// lookups can be chained (tree.Find(tree.Find(root, "a"), "b")).
inline constexpr NodeId kNoNode = ~NodeId{0};

// A plain empty value, "~" or "null" is kNull; every other scalar is kScalar
// (numbers and booleans are left as text: "true", "9.0").
enum class Kind : std::uint8_t { kNull, kScalar, kMap, kSequence };

// One entry of a mapping. Keys are always scalars (or null).
struct Entry {
  NodeId key;
  NodeId value;
};

// The entries of a mapping, in file order: for (auto [k, v] : tree.Entries(m)).
class EntryRange {
 public:
  class Iterator {
   public:
    explicit Iterator(const NodeId* p) : p_(p) {}
    Entry operator*() const { return Entry{p_[0], p_[1]}; }
    Iterator& operator++() {
      p_ += 2;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return p_ != o.p_; }

   private:
    const NodeId* p_;
  };
  EntryRange(const NodeId* begin, const NodeId* end) : begin_(begin), end_(end) {}
  Iterator begin() const { return Iterator(begin_); }
  Iterator end() const { return Iterator(end_); }

 private:
  const NodeId* begin_;
  const NodeId* end_;
};

// The parsed documents of one YAML stream. Immutable; cheap to move.
class Tree {
 public:
  // The root of each document, in order. An empty document ("---" followed
  // by nothing) has a kNull root; an empty stream has no documents.
  const std::vector<NodeId>& documents() const { return documents_; }

  Kind kind(NodeId id) const;
  // 1-based position of the node's first character (0 for kNoNode). For a
  // null value left empty, the position just after its key's ':' or '-'.
  std::uint32_t line(NodeId id) const;
  std::uint32_t column(NodeId id) const;
  // The unescaped text of a scalar or null ("" when written empty); "" for
  // containers and kNoNode.
  std::string_view Text(NodeId id) const;
  // Number of entries of a map or items of a sequence; 0 otherwise.
  std::size_t size(NodeId id) const;

  // The items of a sequence; empty for anything else.
  std::span<const NodeId> Items(NodeId sequence) const;
  // The entries of a map; empty for anything else.
  EntryRange Entries(NodeId map) const;
  // The value of the first entry of `map` whose key text is `key`, or
  // kNoNode when there is none or `map` is not a map. Linear in the map's
  // size: iterate Entries() to visit large maps.
  NodeId Find(NodeId map, std::string_view key) const;
  // Text(Find(map, key)): "" when absent, null or not a scalar.
  std::string_view FindText(NodeId map, std::string_view key) const;

  std::size_t node_count() const { return nodes_.size(); }

 private:
  friend class Parser;
  struct Node {
    Kind kind;
    bool owned;            // text lives in owned_, not in the input
    std::uint32_t line;
    std::uint32_t column;
    std::uint32_t offset;  // scalars: text start; containers: first child in edges_
    std::uint32_t length;  // scalars: text bytes; containers: ids in edges_
  };
  std::string_view source_;
  std::string owned_;            // unescaped scalar text
  std::vector<Node> nodes_;
  std::vector<NodeId> edges_;    // children: map = key, value, key, value...
  std::vector<NodeId> documents_;
};

// Parses `text` (a whole file; `path` is only used in messages). The Tree
// holds views into `text`, which must outlive it.
// Errors, each "path:line:col: what": kParse for malformed YAML (bad
// indentation, unterminated quotes, tabs in indentation, bad escapes);
// kUnsupported for YAML features lockfiles do not use ("unsupported YAML:
// anchor '&' (lockfiles never use it)"); kLimit when nesting exceeds
// limits::kMaxNestingDepth or the node count exceeds limits::kMaxYamlNodes.
Result<Tree> Parse(std::string_view path, std::string_view text);

}  // namespace chainward::collect::yaml

#endif  // CHAINWARD_COLLECT_LOCKFILE_YAML_H_
