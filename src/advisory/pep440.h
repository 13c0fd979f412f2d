// PEP 440 versions, as pip and PyPI read them.
//
// A version is [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]: an epoch, a
// release of any length, an optional pre-release, post-release and
// development release, and a local label. The many spellings PEP 440
// accepts ("1.0-ALPHA.1", "v1.0rev2", "1.0-1", "1.0+Ubuntu-1") are read and
// brought to one normal form ("1.0a1", "1.0.post2", "1.0.post1",
// "1.0+ubuntu.1"); what PEP 440 rejects ("1.0-", "1.0+a+b", "1.0 a1") is an
// error saying why.
//
// Ordering is PEP 440's total order: epochs first; releases compared number
// by number with the shorter padded with zeros, so 1.0 == 1.0.0; then
// 1.0.dev1 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0+local < 1.0.post1. Numbers
// are kept as digit strings, so components past 2^64 still order right.
#ifndef CHAINWARD_ADVISORY_PEP440_H_
#define CHAINWARD_ADVISORY_PEP440_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace chainward::advisory {

struct Pep440Version {
  // Pre-release phases in their order: a < b < rc ("c", "pre" and
  // "preview" are rc).
  enum class Phase : std::uint8_t { kAlpha, kBeta, kCandidate };
  struct Pre {
    Phase phase = Phase::kAlpha;
    std::string number;
  };

  // Every number is a digit string without leading zeros ("0" for zero).
  std::string epoch = "0";
  std::vector<std::string> release;  // as written: trailing zeros are kept
  std::optional<Pre> pre;
  std::optional<std::string> post;
  std::optional<std::string> dev;
  // Local label segments, lower case; all-digit segments without leading
  // zeros. Empty when the version has no "+label".
  std::vector<std::string> local;

  // The canonical form: "1!2.0rc1.post3.dev4+ubuntu.1". Parsing it gives a
  // version that compares equal to this one.
  std::string Normalize() const;
};

// Parses `text` with every normalisation of PEP 440 (see the top of this
// file). Errors: kParse, "\"<text>\" is not a PEP 440 version: why";
// kLimit when `text` is longer than limits::kMaxVersionBytes. The text in
// the message is sanitized for terminals and cut to 64 bytes.
Result<Pep440Version> ParsePep440(std::string_view text);

// <0, 0, >0 as `a` orders before, the same as, or after `b` in PEP 440's
// total order. Local labels take part: 1.0 < 1.0+anything.
int Compare(const Pep440Version& a, const Pep440Version& b);

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_PEP440_H_
