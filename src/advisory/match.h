// Does an OSV record affect a package version?
//
// Implements the evaluation of the OSV schema ("Evaluation" section): a
// version is affected by an `affected` entry when it is listed in
// `versions`, or falls in one of its `ranges`. A range's events are sorted
// by version ("introduced": "0" first) and walked in order: an
// `introduced` at or below the version turns "affected" on, a `fixed` at
// or below it, or a `last_affected` below it, turns it off; `limit` events,
// when present, cap the range (the version must be below one of them).
//
// Worked example: events introduced 1.0.0, fixed 1.2.0, introduced 2.0.0,
// last_affected 2.1.0. Version 1.5.0: on at 1.0.0, off at 1.2.0 → not
// affected. Version 2.1.0: on at 2.0.0, last_affected 2.1.0 is not below it
// → affected. Version 2.1.1: off after last_affected → not affected.
//
// npm's ECOSYSTEM ranges use semver, as do SEMVER ranges everywhere. PyPI
// ECOSYSTEM ranges need PEP 440 and are reported as unsupported (exact
// `versions` entries still match). GIT ranges say nothing about package
// versions and are ignored. An entry with neither versions nor ranges
// matches every version. Withdrawn records never match.
#ifndef CHAINWARD_ADVISORY_MATCH_H_
#define CHAINWARD_ADVISORY_MATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "advisory/osv.h"
#include "model/package.h"

namespace chainward::advisory {

struct RecordMatch {
  enum class Kind {
    kNotAffected,
    kAffected,
    kCannotEvaluate,  // a range applies but the version (or an event) is not
                      // comparable; `note` says why
    kUnsupported,     // the ecosystem's version ranges are not supported yet
  };
  Kind kind = Kind::kNotAffected;
  bool all_versions = false;               // an entry lists no versions at all
  std::vector<std::string> fixed_versions;  // from the ranges that matched
  std::string last_known_good;              // from a matching entry
  std::string note;  // how it matched, or why it could not be evaluated
};

// True when the OSV `ecosystem` string names `ecosystem` ("npm", "PyPI";
// OSV may suffix ":..." for ecosystem variants, which is ignored).
bool SameEcosystem(std::string_view osv_ecosystem, model::Ecosystem ecosystem);

// The package name as compared: npm names as written, PyPI names
// normalized per PEP 503 (lower case, runs of "-", "_", "." as one "-").
std::string NormalizeName(model::Ecosystem ecosystem, std::string_view name);

// Evaluates every affected entry of `record` for `ecosystem` and `name` at
// `version`. Affected as soon as one entry matches; otherwise kUnsupported
// or kCannotEvaluate when some entry could not be evaluated; otherwise
// kNotAffected. Withdrawn records are always kNotAffected.
RecordMatch MatchRecord(const osv::Record& record, model::Ecosystem ecosystem,
                        std::string_view name, std::string_view version);

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_MATCH_H_
