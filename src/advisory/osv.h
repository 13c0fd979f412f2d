// The OSV schema (https://ossf.github.io/osv-schema/), as chainward reads it.
//
// One OSV record describes one advisory: which packages (`affected`), which
// of their versions (an exact `versions` list and/or `ranges` of events),
// and where to read more. Fields chainward does not use are skipped; the
// free-form `database_specific` / `ecosystem_specific` objects are kept as
// raw JSON text. One field of our own is read from
// affected[].database_specific: "last_known_good", a string naming the last
// version of a malicious package known to be safe (chainward's built-in
// feed sets it; other feeds do not).
#ifndef CHAINWARD_ADVISORY_OSV_H_
#define CHAINWARD_ADVISORY_OSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace chainward::advisory::osv {

enum class RangeType { kSemver, kEcosystem, kGit, kUnknown };

struct Event {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;  // "0" in kIntroduced means "from the first version"
};

struct Range {
  RangeType type = RangeType::kUnknown;
  std::string type_name;  // as written, for messages
  std::string repo;       // GIT ranges only
  std::vector<Event> events;
};

struct Package {
  std::string ecosystem;  // "npm", "PyPI", ...
  std::string name;
  std::string purl;
};

struct Affected {
  Package package;
  std::vector<std::string> versions;
  std::vector<Range> ranges;
  std::string database_specific;   // raw JSON object text, or empty
  std::string ecosystem_specific;  // raw JSON object text, or empty
  std::string last_known_good;     // from database_specific, or empty
};

struct Severity {
  std::string type;   // "CVSS_V3", "CVSS_V4", "Ubuntu", ...
  std::string score;
};

struct Reference {
  std::string type;
  std::string url;
};

struct Credit {
  std::string name;
  std::vector<std::string> contact;
  std::string type;
};

struct Record {
  std::string id;
  std::string modified;
  std::string published;
  std::string withdrawn;  // empty unless withdrawn
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::string summary;
  std::string details;
  std::vector<Severity> severity;
  std::vector<Affected> affected;
  std::vector<Reference> references;
  std::string database_specific;  // raw JSON object text, or empty
  std::vector<Credit> credits;

  bool is_withdrawn() const { return !withdrawn.empty(); }
  // True for malicious-package records: an id starting "MAL-", or a
  // top-level database_specific with "malicious": true.
  bool IsMalicious() const;
};

// Parses one OSV record from `content`. `path` names it in messages.
// Errors: kParse "path:line:col: what (simdjson reason)" for malformed JSON
// or a field of the wrong type, kParse "path: record has no \"id\"" when
// the id is missing, kLimit for nesting deeper than limits::kMaxNestingDepth
// or a record larger than limits::kMaxAdvisoryBytes.
Result<Record> Parse(std::string_view path, std::string_view content);

// Renders `json` (a JSON text) indented by two spaces per level, for
// display. Input that is not JSON is returned unchanged.
std::string PrettyJson(std::string_view json);

}  // namespace chainward::advisory::osv

#endif  // CHAINWARD_ADVISORY_OSV_H_
