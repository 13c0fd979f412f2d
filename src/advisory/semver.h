// Semantic Versioning 2.0.0 as npm reads it.
//
// A version is MAJOR.MINOR.PATCH, optionally followed by "-" and dot-separated
// prerelease identifiers, and "+" build metadata. Precedence compares the
// three numbers, then prerelease: a version without one ranks above any with
// one ("1.0.0-rc.1" < "1.0.0"); identifiers are compared left to right,
// numeric ones as numbers, alphanumeric ones as ASCII strings, numeric below
// alphanumeric, and a shorter list below a longer one it prefixes. Build
// metadata never affects precedence.
//
// npm's loose spellings are accepted: surrounding spaces, a leading "v" or
// "=" ("v1.2.3", "=1.2.3"). Numbers are kept as digit strings, so versions
// with components past 2^64 ("1.0.99999999999999999999") still order right:
// a longer digit string (without leading zeros) is the larger number.
//
// Example: "1.0.0-alpha" < "1.0.0-alpha.1" < "1.0.0-alpha.beta" <
// "1.0.0-beta" < "1.0.0-beta.2" < "1.0.0-beta.11" < "1.0.0-rc.1" < "1.0.0".
#ifndef CHAINWARD_ADVISORY_SEMVER_H_
#define CHAINWARD_ADVISORY_SEMVER_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace chainward::advisory {

struct SemVer {
  // Digit strings without leading zeros ("0" for zero).
  std::string major, minor, patch;
  std::vector<std::string> prerelease;  // identifiers, as written
  std::string build;                    // metadata after "+", as written

  // "1.2.3-rc.1+build" in canonical form (no "v", no spaces).
  std::string ToString() const;
};

// Parses `text`. Errors: kParse, "\"<text>\" is not a semver version: why".
// The text in the message is sanitized for terminals and cut to 64 bytes.
Result<SemVer> ParseSemVer(std::string_view text);

// <0, 0, >0 as `a` has lower, equal or higher precedence than `b`.
int Compare(const SemVer& a, const SemVer& b);

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_SEMVER_H_
