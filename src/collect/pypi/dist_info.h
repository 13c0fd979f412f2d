// The files an installer writes beside an installed Python distribution:
// core metadata (METADATA, PKG-INFO), RECORD and direct_url.json.
//
// Formats: the core metadata specification (RFC 822-style headers, the body
// after the first blank line ignored), PEP 376/627 (RECORD: CSV rows of
// path, "algorithm=digest", size) and PEP 610 (direct_url.json). Each parser
// takes the file's text and a name for messages; none touches the disk.
#ifndef CHAINWARD_COLLECT_PYPI_DIST_INFO_H_
#define CHAINWARD_COLLECT_PYPI_DIST_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"

namespace chainward::collect::pypi {

// The headers of METADATA or PKG-INFO that chainward reads.
struct CoreMetadata {
  std::string metadata_version;  // "2.1"; empty when absent
  std::string name;              // as written: "Demo-Lib"
  std::uint32_t name_line = 0;
  std::string version;           // as written; empty when absent
  std::string summary;
  struct Requirement {
    std::string text;  // a PEP 508 string, continuation lines joined
    std::uint32_t line = 0;
  };
  std::vector<Requirement> requires_dist;
};

// Parses the header block of core metadata. Header names are matched
// without regard to case; a line starting with a space or tab continues the
// header before it; the first blank line ends the headers (the body is not
// read). A line that is neither a header nor a continuation ends the
// headers too, as Python's email parser does, and is reported to
// `diagnostics` as a warning at its line.
// Errors: kParse "file:1: no Name header" when Name is missing or empty;
// kLimit when the header block is longer than limits::kMaxMetadataHeaderBytes.
Result<CoreMetadata> ParseCoreMetadata(std::string_view file, std::string_view text,
                                       Diagnostics& diagnostics);

// One row of a RECORD file (or of a legacy installed-files.txt, which has
// paths only).
struct RecordEntry {
  std::string path;       // as written, relative to site-packages
  std::string algorithm;  // "sha256"; empty when the row has no hash
  std::string digest;     // as written (urlsafe base64 without padding)
  std::optional<std::uint64_t> size;
  std::uint32_t line = 0;  // 1-based line in the RECORD
};

// Parses RECORD: one CSV row a line (Python's csv module, excel dialect:
// "," between fields, fields in double quotes may hold commas and "" for a
// quote), each "path,algorithm=digest,size" with the hash and size optional.
// A malformed row (wrong field count, unterminated quote, a hash without
// "=", a size that is not a number, an empty path) is reported to
// `diagnostics` as an error at file:line:column and skipped.
// Errors: kLimit "file:N: more than M entries" past limits::kMaxRecordEntries.
Result<std::vector<RecordEntry>> ParseRecord(std::string_view file, std::string_view text,
                                             Diagnostics& diagnostics);

// PEP 610's direct_url.json: where a distribution was installed from when
// that was not a package index.
struct DirectUrl {
  enum class Kind { kArchive, kVcs, kDirectory };
  Kind kind = Kind::kArchive;
  std::string url;  // with any user:password replaced by "***"
  // kVcs: the tool ("git", "hg", "bzr", "svn") and what was checked out.
  std::string vcs;
  std::string commit_id;
  std::string requested_revision;
  // kArchive: every hash given, as "algorithm:hex" ("sha256:5d3...").
  std::vector<std::string> hashes;
  bool editable = false;  // kDirectory: dir_info.editable
};

// Parses direct_url.json.
// Errors: kParse or kLimit (from the JSON reader) with "file:line:col: ..."
// when the text is not a JSON object, "url" is missing or not a string, none
// of archive_info, vcs_info, dir_info is an object, or vcs_info lacks "vcs"
// or "commit_id".
Result<DirectUrl> ParseDirectUrl(std::string_view file, std::string_view text);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_DIST_INFO_H_
