// PEP 508 dependency specifiers: the "requests[socks]>=2.31,<3; python_version
// >= '3.8'" strings of requirements files, pyproject.toml, METADATA's
// Requires-Dist and the lockfiles that copy them.
//
// This reads the structure (name, extras, version specifier or URL, marker)
// and keeps each part as written; it does not evaluate markers or compare
// versions (advisory/pep440.h does that).
#ifndef CHAINWARD_COLLECT_PYPI_PEP508_H_
#define CHAINWARD_COLLECT_PYPI_PEP508_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace chainward::collect::pypi {

struct Requirement {
  std::string name;                 // as written: "Django", "zope.interface"
  std::vector<std::string> extras;  // ["socks", "security"]
  // The version specifier without spaces: ">=2.31,<3", "==1.82.8"; empty
  // when none is given or a URL is.
  std::string specifier;
  std::string url;     // "name @ URL": the URL; empty otherwise
  std::string marker;  // the environment marker after ";", trimmed
};

// Parses one specifier (no comments, no line continuations: the caller
// joins and strips those). Errors: kParse with a message "column N: ..."
// (1-based, in `text`) saying what was expected.
Result<Requirement> ParseRequirement(std::string_view text);

// The exact version a specifier pins: "==1.2.3" and "===1.2.3" give
// "1.2.3"; anything else (a range, several clauses, "==1.*") gives "".
std::string PinnedVersion(std::string_view specifier);

// PEP 503's normal form of a project name: lower case, each run of "-",
// "_" and "." as one "-" ("Zope.Interface" -> "zope-interface").
std::string NormalizeName(std::string_view name);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PEP508_H_
