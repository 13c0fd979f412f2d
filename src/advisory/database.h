// The local advisory database: which advisories affect a package version.
//
// Three layers of OSV records answer a lookup, highest first:
//   1. overrides — OSV files in <data dir>/overrides/ (or a directory given
//      in Options), read when the database opens, plus records imported with
//      `db import --overrides`; a local correction of a bad range wins;
//   2. imported  — records loaded by `db import` into
//      <data dir>/advisories.sqlite3;
//   3. built-in  — the feed compiled into the binary (feeds/*.json), always
//      present, parsed lazily once.
// A record id present in a higher layer hides the same id below it.
//
// Lookups are one indexed SQLite query per package (table `affected`, keyed
// by ecosystem and name) plus a hash lookup in the in-memory layers; the
// database is never loaded whole.
#ifndef CHAINWARD_ADVISORY_DATABASE_H_
#define CHAINWARD_ADVISORY_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::advisory {

enum class Layer : std::uint8_t { kBuiltin, kImported, kOverride };

// "built-in", "imported", "override".
std::string_view LayerName(Layer layer);

struct Reference {
  std::string type;  // OSV reference type: "ADVISORY", "WEB", "REPORT", ...
  std::string url;
};

// One advisory that affects the package version looked up.
struct Match {
  std::string id;                    // "MAL-2026-1234", "GHSA-xxxx-xxxx-xxxx"
  std::vector<std::string> aliases;  // as the record lists them
  std::vector<std::string> related;
  std::string summary;
  std::string details;
  // True for malicious-package advisories (MAL- ids, or records whose
  // database_specific says so): the version must not be installed at all.
  bool malicious = false;
  // The record's severity entries as "TYPE:score" ("CVSS_V3:CVSS:3.1/AV:N/...");
  // empty when the record gives none.
  std::vector<std::string> severity;
  std::vector<Reference> references;
  // Versions to move to: the `fixed` events of the ranges that matched,
  // in record order, without duplicates.
  std::vector<std::string> fixed_versions;
  // For malware with no fix: the last version known to be safe, from the
  // record's affected[].database_specific.last_known_good (a field of
  // chainward's built-in feed). Empty when unknown.
  std::string last_known_good;
  // True when the affected entry lists neither versions nor ranges, so every
  // version matches; `note` then says so.
  bool all_versions = false;
  // Human-readable remark on how the match was made, e.g.
  // "advisory lists no versions: every version matches". Often empty.
  std::string note;
  std::string modified;  // RFC 3339 as written in the record
  Layer layer = Layer::kBuiltin;
};

// An advisory for the package whose ranges could not be evaluated against
// the version (the version, or a range event, is not in the range's scheme:
// semver for npm, PEP 440 for PyPI). The caller decides how to report it.
struct Unevaluated {
  std::string id;
  // "\"latest\" is not a PEP 440 version: expected a release number like
  // \"1.0\""
  std::string reason;
};

struct LookupResult {
  std::vector<Match> matches;  // in id order
  std::vector<Unevaluated> unevaluated;
};

// Counts returned by Import.
struct ImportStats {
  std::uint64_t read = 0;       // records (files or members) read
  std::uint64_t imported = 0;   // records new to the database
  std::uint64_t replaced = 0;   // records that replaced an older `modified`
  std::uint64_t unchanged = 0;  // records not newer than the stored one
  std::uint64_t skipped = 0;    // malformed records (reported to Diagnostics)
  std::uint64_t withdrawn = 0;  // imported or replaced records that are withdrawn
};

struct LayerCount {
  Layer layer = Layer::kBuiltin;
  std::string ecosystem;  // "npm", "PyPI", ...
  std::uint64_t records = 0;
  std::uint64_t withdrawn = 0;
};

struct Status {
  std::string path;  // the SQLite file
  std::vector<LayerCount> counts;
  std::string last_import_time;    // RFC 3339 UTC; empty when never imported
  std::string last_import_source;  // the path given to Import
};

struct ListEntry {
  std::string id;
  std::string ecosystem;
  std::string package;
  std::string summary;
  Layer layer = Layer::kBuiltin;
  bool withdrawn = false;
};

struct ListFilter {
  std::string ecosystem;  // empty: every ecosystem (compared case-insensitively)
  std::string package;    // empty: every package
};

// One stored record, as Show returns it.
struct StoredRecord {
  std::string id;
  Layer layer = Layer::kBuiltin;
  std::string json;  // the OSV record, pretty-printed
};

class Database {
 public:
  struct Options {
    // Directory holding advisories.sqlite3; created when missing. Empty:
    // no imported layer (built-in and overrides only).
    std::string data_dir;
    // Directory of override OSV files. Empty: <data_dir>/overrides. A
    // missing directory is not an error.
    std::string overrides_dir;
    bool builtin = true;  // include the built-in feed (tests switch it off)
    // For lookups only (scan): the data directory and the SQLite file are
    // never created or written, so a database on a read-only mount or shared
    // between users works; a file without chainward's schema is an error.
    bool read_only = false;
  };

  // Opens (creating when needed, unless read_only) the database. Malformed
  // override files are reported to `diagnostics` and skipped.
  // Errors: kDatabase when the SQLite file cannot be opened or has a newer
  // schema; kIo when the data directory cannot be created.
  static Result<std::unique_ptr<Database>> Open(const Options& options,
                                                Diagnostics& diagnostics);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The advisories affecting `name`@`version` in `ecosystem`. Withdrawn
  // records never match. Thread-compatible (not for concurrent calls).
  // Errors: kDatabase when the query fails.
  Result<LookupResult> Lookup(model::Ecosystem ecosystem, std::string_view name,
                              std::string_view version) const;

  // Imports a directory of OSV .json files (recursively) or a zip of them
  // (osv.dev's all.zip layout), into the imported layer, or into the
  // override layer when `as_override`. One transaction. Malformed records
  // go to `diagnostics` named by file or member, and are skipped.
  // Errors: kNotFound / kIo for the path, kLimit for an archive over the
  // bounds of base/limits.h (naming archive and member), kDatabase.
  Result<ImportStats> Import(const std::string& path, Diagnostics& diagnostics,
                             bool as_override = false);

  Result<Status> GetStatus() const;
  Result<std::vector<ListEntry>> List(const ListFilter& filter) const;
  // The record with `id`, or the first record listing `id` as an alias;
  // the highest layer wins. Errors: kNotFound.
  Result<StoredRecord> Show(std::string_view id) const;

  struct Impl;

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_DATABASE_H_
