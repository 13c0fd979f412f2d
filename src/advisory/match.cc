#include "advisory/match.h"

#include <algorithm>
#include <optional>

#include "advisory/pep440.h"
#include "advisory/semver.h"

namespace chainward::advisory {
namespace {

using Kind = RecordMatch::Kind;

void AddUnique(std::vector<std::string>& list, const std::string& s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

struct RangeOutcome {
  Kind kind = Kind::kNotAffected;
  std::string note;
};

// Evaluates one range at `v`, whose events are read with `parse` and
// ordered with the Compare overload for `Version` (SemVer or Pep440Version).
template <typename Version>
RangeOutcome EvaluateRange(const osv::Range& range, const Version& v,
                           Result<Version> (*parse)(std::string_view)) {
  struct Parsed {
    osv::Event::Kind kind;
    std::optional<Version> version;  // nullopt: introduced "0"
  };
  std::vector<Parsed> events;
  events.reserve(range.events.size());
  for (const osv::Event& e : range.events) {
    if (e.kind == osv::Event::Kind::kIntroduced && e.version == "0") {
      events.push_back({e.kind, std::nullopt});
      continue;
    }
    Result<Version> parsed = parse(e.version);
    if (!parsed) {
      return {Kind::kCannotEvaluate, "range event " + parsed.error().message};
    }
    events.push_back({e.kind, std::move(*parsed)});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Parsed& a, const Parsed& b) {
                     if (!a.version || !b.version) {
                       return !a.version && b.version.has_value();
                     }
                     return Compare(*a.version, *b.version) < 0;
                   });
  bool affected = false;
  bool has_limit = false, below_limit = false;
  for (const Parsed& e : events) {
    switch (e.kind) {
      case osv::Event::Kind::kIntroduced:
        if (!e.version || Compare(v, *e.version) >= 0) affected = true;
        break;
      case osv::Event::Kind::kFixed:
        if (Compare(v, *e.version) >= 0) affected = false;
        break;
      case osv::Event::Kind::kLastAffected:
        if (Compare(v, *e.version) > 0) affected = false;
        break;
      case osv::Event::Kind::kLimit:
        has_limit = true;
        if (Compare(v, *e.version) < 0) below_limit = true;
        break;
    }
  }
  if (has_limit && !below_limit) affected = false;
  return {affected ? Kind::kAffected : Kind::kNotAffected, {}};
}

// The installed version, read once per record in each scheme it may need.
struct Installed {
  std::string_view text;
  Result<SemVer> semver;
  // PyPI only: npm versions are never read as PEP 440.
  std::optional<Result<Pep440Version>> pep440;
};

// True when `listed`, an entry of an affected entry's `versions`, names the
// installed version: the same text, or for PyPI the same PEP 440 version
// ("1.0" and "1.0.0", "1.0-1" and "1.0.post1").
bool Lists(std::string_view listed, const Installed& v) {
  if (listed == v.text) return true;
  if (!v.pep440 || !*v.pep440) return false;
  Result<Pep440Version> l = ParsePep440(listed);
  return l && Compare(*l, **v.pep440) == 0;
}

// Evaluates one affected entry; `out` collects fixed versions on a match.
// True for a range that only says "introduced": "0": every version, the
// way malicious-package records condemn a whole package.
bool EveryVersion(const osv::Range& range) {
  if (range.events.empty()) return false;
  for (const osv::Event& e : range.events) {
    if (e.kind != osv::Event::Kind::kIntroduced || e.version != "0") return false;
  }
  return true;
}

Kind MatchAffected(const osv::Affected& a, model::Ecosystem ecosystem,
                   const Installed& v, RecordMatch& out) {
  for (const std::string& listed : a.versions) {
    if (Lists(listed, v)) {
      out.note = "version listed by the advisory";
      return Kind::kAffected;
    }
  }
  if (a.versions.empty() && a.ranges.empty()) {
    out.all_versions = true;
    out.note = "advisory lists no versions: every version matches";
    return Kind::kAffected;
  }
  Kind result = Kind::kNotAffected;
  std::string why;
  for (const osv::Range& range : a.ranges) {
    if (range.type == osv::RangeType::kGit ||
        range.type == osv::RangeType::kUnknown) {
      continue;
    }
    RangeOutcome r;
    bool pep440 = range.type == osv::RangeType::kEcosystem &&
                  ecosystem == model::Ecosystem::kPyPI;
    if (EveryVersion(range) && (pep440 ? !*v.pep440 : !v.semver)) {
      // No comparison needed: a version that cannot be read (a git commit,
      // a declared range with no pin) is still covered.
      out.all_versions = true;
      out.note = "advisory affects every version";
      return Kind::kAffected;
    }
    if (pep440) {
      if (!*v.pep440) {
        result = Kind::kCannotEvaluate;
        why = v.pep440->error().message;
        continue;
      }
      r = EvaluateRange(range, **v.pep440, &ParsePep440);
    } else {
      if (!v.semver) {
        result = Kind::kCannotEvaluate;
        why = v.semver.error().message;
        continue;
      }
      r = EvaluateRange(range, *v.semver, &ParseSemVer);
    }
    if (r.kind == Kind::kAffected) {
      for (const osv::Event& e : range.events) {
        if (e.kind == osv::Event::Kind::kFixed) {
          AddUnique(out.fixed_versions, e.version);
        }
      }
      out.note = "version in an affected range";
      return Kind::kAffected;
    }
    if (r.kind == Kind::kCannotEvaluate) {
      result = Kind::kCannotEvaluate;
      why = r.note;
    }
  }
  if (result != Kind::kNotAffected) out.note = why;
  return result;
}

}  // namespace

bool SameEcosystem(std::string_view osv_ecosystem, model::Ecosystem ecosystem) {
  std::string_view base = osv_ecosystem.substr(0, osv_ecosystem.find(':'));
  return base == model::EcosystemName(ecosystem);
}

std::string NormalizeName(model::Ecosystem ecosystem, std::string_view name) {
  return model::NormalizedName(ecosystem, name);
}

RecordMatch MatchRecord(const osv::Record& record, model::Ecosystem ecosystem,
                        std::string_view name, std::string_view version) {
  RecordMatch best;
  if (record.is_withdrawn()) return best;
  const std::string wanted = NormalizeName(ecosystem, name);
  Installed installed{version, ParseSemVer(version), std::nullopt};
  if (ecosystem == model::Ecosystem::kPyPI) {
    installed.pep440 = ParsePep440(version);
  }
  for (const osv::Affected& a : record.affected) {
    if (!SameEcosystem(a.package.ecosystem, ecosystem) ||
        NormalizeName(ecosystem, a.package.name) != wanted) {
      continue;
    }
    RecordMatch entry;
    Kind kind = MatchAffected(a, ecosystem, installed, entry);
    if (kind == Kind::kAffected) {
      best.kind = Kind::kAffected;
      best.all_versions = best.all_versions || entry.all_versions;
      for (const std::string& f : entry.fixed_versions) {
        AddUnique(best.fixed_versions, f);
      }
      if (best.last_known_good.empty()) {
        best.last_known_good = a.last_known_good;
      }
      if (best.note.empty() || entry.all_versions) best.note = entry.note;
    } else if (kind != Kind::kNotAffected && best.kind != Kind::kAffected) {
      best.kind = kind;
      best.note = entry.note;
    }
  }
  return best;
}

}  // namespace chainward::advisory
