#include "advisory/match.h"

#include <algorithm>
#include <optional>

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

// Evaluates one SEMVER/ECOSYSTEM-as-semver range at `v`.
RangeOutcome EvaluateRange(const osv::Range& range, const SemVer& v) {
  struct Parsed {
    osv::Event::Kind kind;
    std::optional<SemVer> version;  // nullopt: introduced "0"
  };
  std::vector<Parsed> events;
  events.reserve(range.events.size());
  for (const osv::Event& e : range.events) {
    if (e.kind == osv::Event::Kind::kIntroduced && e.version == "0") {
      events.push_back({e.kind, std::nullopt});
      continue;
    }
    Result<SemVer> parsed = ParseSemVer(e.version);
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

// Evaluates one affected entry; `out` collects fixed versions on a match.
Kind MatchAffected(const osv::Affected& a, model::Ecosystem ecosystem,
                   std::string_view version, const Result<SemVer>& semver,
                   RecordMatch& out) {
  for (const std::string& listed : a.versions) {
    if (listed == version) {
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
    if (range.type == osv::RangeType::kEcosystem &&
        ecosystem == model::Ecosystem::kPyPI) {
      if (result == Kind::kNotAffected) {
        result = Kind::kUnsupported;
        why = "PyPI version ranges (PEP 440) are not supported yet";
      }
      continue;
    }
    if (!semver) {
      result = Kind::kCannotEvaluate;
      why = semver.error().message;
      continue;
    }
    RangeOutcome r = EvaluateRange(range, *semver);
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
  if (ecosystem != model::Ecosystem::kPyPI) return std::string(name);
  std::string out;
  bool separator = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      separator = true;
      continue;
    }
    if (separator && !out.empty()) out += '-';
    separator = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

RecordMatch MatchRecord(const osv::Record& record, model::Ecosystem ecosystem,
                        std::string_view name, std::string_view version) {
  RecordMatch best;
  if (record.is_withdrawn()) return best;
  const std::string wanted = NormalizeName(ecosystem, name);
  const Result<SemVer> semver = ParseSemVer(version);
  for (const osv::Affected& a : record.affected) {
    if (!SameEcosystem(a.package.ecosystem, ecosystem) ||
        NormalizeName(ecosystem, a.package.name) != wanted) {
      continue;
    }
    RecordMatch entry;
    Kind kind = MatchAffected(a, ecosystem, version, semver, entry);
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
