// A layer of OSV records held in memory: the built-in feed and the
// override directory. Small (tens to hundreds of records), so records are
// parsed once and indexed by (ecosystem, normalized name) in a hash map.
#ifndef CHAINWARD_ADVISORY_MEMORY_LAYER_H_
#define CHAINWARD_ADVISORY_MEMORY_LAYER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "advisory/osv.h"
#include "base/error.h"

namespace chainward::advisory {

class MemoryLayer {
 public:
  struct Entry {
    osv::Record record;
    std::string json;  // the record's text as read
    std::string source;  // file name it came from
  };

  // Adds a parsed record; a later record with the same id replaces an
  // earlier one when its `modified` is not older.
  void Add(osv::Record record, std::string json, std::string source);

  // Records with an affected entry for `ecosystem` (OSV spelling, without
  // ":suffix") and `normalized_name` (see NormalizeName).
  std::vector<const Entry*> Find(std::string_view ecosystem,
                                 std::string_view normalized_name) const;
  // The record with `id`, or listing `id` as an alias; nullptr if none.
  const Entry* FindId(std::string_view id) const;

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_package_;
};

// The key of the package index: "ecosystem\0name".
std::string PackageKey(std::string_view ecosystem, std::string_view name);

// The OSV ecosystem without a ":suffix" ("Debian:11" → "Debian").
std::string_view BaseEcosystem(std::string_view ecosystem);

// The built-in feed, parsed on first use (thread-safe, once per process).
struct BuiltinFeed {
  MemoryLayer layer;
  std::vector<Error> errors;  // malformed embedded files
};
const BuiltinFeed& LoadBuiltinFeed();

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_MEMORY_LAYER_H_
