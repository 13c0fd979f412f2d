// What the TOML readers of Python dependency files share: typed access to
// TOML values that reports wrong types with their position, URL redaction,
// and the dependency graph every lockfile is turned into before flags are
// set (see lock_graph.h).
#ifndef CHAINWARD_COLLECT_PYPI_LOCK_SUPPORT_H_
#define CHAINWARD_COLLECT_PYPI_LOCK_SUPPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "collect/pypi/redact.h"
#include "collect/toml_support.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// True for the default index (PyPI's own simple or JSON API), which a
// Package records as an empty `index`.
bool IsDefaultIndex(std::string_view url);

// "sha256:<hex>" from an algorithm and a digest, the form Package::hashes
// holds.
inline std::string HashOf(std::string_view algorithm, std::string_view digest) {
  return std::string(algorithm) + ":" + std::string(digest);
}

// Reads "2.1" into major 2 and minor 1 ("4.5.0": 4 and 5; "1": 1 and 0).
// False when `text` does not start with a number.
bool ParseLockVersion(std::string_view text, int* major, int* minor);

// Reads fields of one TOML document, reporting a value of the wrong type as
// an error diagnostic at the value's position ("expected a string for
// \"version\""). Each getter returns nullptr when the key is absent or the
// value has the wrong type; `bad` (when given) is set in the second case.
class TomlReader {
 public:
  TomlReader(const TomlDocument& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  const TomlDocument& document() const { return document_; }
  const std::string& path() const { return document_.path(); }

  const std::string* String(const toml::table& table, std::string_view key, bool* bad = nullptr);
  // The string at `node` as the file wrote it; nullptr (not reported) when
  // `node` is not a string.
  const std::string* Text(const toml::node& node) const { return document_.Text(node); }
  const toml::table* Table(const toml::table& table, std::string_view key, bool* bad = nullptr);
  const toml::array* Array(const toml::table& table, std::string_view key, bool* bad = nullptr);
  // A boolean; `fallback` when absent or of the wrong type.
  bool Bool(const toml::table& table, std::string_view key, bool fallback, bool* bad = nullptr);
  // Every string of an array (or a single string) at `key`; other items are
  // reported and skipped.
  std::vector<std::string> Strings(const toml::table& table, std::string_view key);

  // The head of one entry of a lockfile's package array (`array` names it
  // in messages: "[[package]]"): the entry's table, its "name" and its
  // "version" (nullptr when absent). Reports and returns nullopt when the
  // entry is not a table, has no name (or no version, when
  // `version_required`), or either has the wrong type.
  struct EntryHead {
    const toml::table* table = nullptr;
    const std::string* name = nullptr;
    const std::string* version = nullptr;
  };
  std::optional<EntryHead> ReadEntryHead(const toml::node& node, std::string_view array,
                                         bool version_required);
  // False, reported once per document, when `packages` already holds
  // limits::kMaxPackagesPerSource entries.
  bool RoomForPackage(std::size_t packages, const toml::node& at);
  // Appends the "hash" string of every table of `files` to `out`; an item
  // that is not a table is reported as "expected a table for a <what>".
  void AppendHashes(const toml::array& files, std::string_view what, std::vector<std::string>& out);

  // Reports at `node` (or at the file when toml++ kept no position).
  void Error(const toml::node& node, std::string message);
  void Warning(const toml::node& node, std::string message);
  model::Location LocationOf(const toml::node& node) const { return document_.LocationOf(node); }

 private:
  void WrongType(const toml::node& node, std::string_view expected, std::string_view key);

  const TomlDocument& document_;
  Diagnostics& diagnostics_;
  bool limit_reported_ = false;
};

// The warning of the lock parsers that take a pyproject.toml when none is
// given: "no pyproject.toml beside this lockfile: direct dependencies are
// unknown", for the file as a whole.
void WarnNoPyproject(const TomlReader& reader, Diagnostics& diagnostics);

// The toml++ type name of `node`, for messages: "string", "table", ...
std::string_view TomlTypeName(const toml::node& node);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_LOCK_SUPPORT_H_
