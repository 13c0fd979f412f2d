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
// Versions are read in the package's scheme. npm's ECOSYSTEM ranges use
// semver (semver.h), as do SEMVER ranges everywhere. PyPI's ECOSYSTEM ranges
// use PEP 440 (pep440.h): 1.0 == 1.0.0, 1.0.dev1 < 1.0a1 < 1.0 < 1.0+local
// < 1.0.post1, and epochs rank first, so "introduced 1.82.7, fixed 1.82.9"
// holds 1.82.8.post1 but not 1!1.0. A version the range's scheme cannot
// read ("latest", a commit hash) makes the range kCannotEvaluate, with a
// note naming the version; an event the scheme cannot read does the same.
//
// Exact `versions` entries match the same text, and for PyPI the same PEP
// 440 version, so "1.0" lists "1.0.0" and "0.1.2-1" lists "0.1.2.post1"
// (an entry or version that is not PEP 440 still matches its own text). A
// local label is part of the version, as in the ordering: "1.82.8" does not
// list "1.82.8+ubuntu.1", a local rebuild rather than the published upload.
//
// GIT ranges say nothing about package versions and are ignored. An entry
// with neither versions nor ranges matches every version. Withdrawn records
// never match.
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
    kUnsupported,     // the ecosystem's version ranges are not supported
                      // (no ecosystem chainward reads is left so)
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
// normalized per PEP 503 (lower case, each run of "-", "_", "." as one
// "-": "Zope._Interface" -> "zope-interface").
std::string NormalizeName(model::Ecosystem ecosystem, std::string_view name);

// Evaluates every affected entry of `record` for `ecosystem` and `name` at
// `version`. Affected as soon as one entry matches; otherwise kUnsupported
// or kCannotEvaluate when some entry could not be evaluated; otherwise
// kNotAffected. Withdrawn records are always kNotAffected.
RecordMatch MatchRecord(const osv::Record& record, model::Ecosystem ecosystem,
                        std::string_view name, std::string_view version);

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_MATCH_H_
