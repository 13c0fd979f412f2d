// Matching an inventory against the advisory database.
//
// The same package version usually appears many times: in a lockfile, in
// the hidden lockfile and in the installed tree of one project, and in many
// projects of a monorepo. Each distinct (ecosystem, name, version) is looked
// up once; the matches are then folded into one Finding per advisory and
// package version that lists every place it was seen and, per source, the
// shortest chain of dependencies that brought it in.
//
// One advisory often exists as several records: chainward's built-in record
// (CW-...) lists the OpenSSF MAL- id and the GHSA id as aliases, and an
// imported feed holds the MAL- record itself. Records that share an id or an
// alias for the same package version are one finding, named by the built-in
// record when there is one (it carries the last known good versions).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "advisory/database.h"
#include "analyze/scan.h"

namespace chainward::analyze {

namespace {

struct Occurrence {
  std::uint32_t source;
  std::uint32_t package;
};

using PackageKey = std::tuple<model::Ecosystem, std::string, std::string>;

bool SharesAnId(const advisory::Match& a, const std::set<std::string>& ids) {
  if (ids.count(a.id)) return true;
  for (const std::string& alias : a.aliases) {
    if (ids.count(alias)) return true;
  }
  return false;
}

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

// Folds the matches of one package version into groups of the same advisory.
std::vector<std::vector<const advisory::Match*>> GroupMatches(
    const std::vector<advisory::Match>& matches) {
  std::vector<std::vector<const advisory::Match*>> groups;
  std::vector<std::set<std::string>> group_ids;
  for (const advisory::Match& m : matches) {
    std::size_t found = groups.size();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (SharesAnId(m, group_ids[g])) {
        found = g;
        break;
      }
    }
    if (found == groups.size()) {
      groups.emplace_back();
      group_ids.emplace_back();
    }
    groups[found].push_back(&m);
    group_ids[found].insert(m.id);
    group_ids[found].insert(m.aliases.begin(), m.aliases.end());
  }
  return groups;
}

model::Finding MakeFinding(const std::vector<const advisory::Match*>& group) {
  // The built-in record names the finding; then the override, then imports.
  const advisory::Match* primary = group.front();
  for (const advisory::Match* m : group) {
    if (m->layer == advisory::Layer::kBuiltin) {
      primary = m;
      break;
    }
    if (m->layer == advisory::Layer::kOverride) primary = m;
  }
  model::Finding f;
  f.kind = "advisory";
  f.id = primary->id;
  f.summary = primary->summary;
  for (const advisory::Match* m : group) {
    AddUnique(f.aliases, m->id);
    for (const std::string& alias : m->aliases) AddUnique(f.aliases, alias);
    f.malicious = f.malicious || m->malicious;
    if (f.summary.empty()) f.summary = m->summary;
    // Only the surprising way of matching is worth a line in a report.
    if (f.note.empty() && m->all_versions) f.note = m->note;
    for (const std::string& v : m->fixed_versions) AddUnique(f.fixed, v);
    for (const advisory::Reference& r : m->references) AddUnique(f.references, r.url);
  }
  f.aliases.erase(std::remove(f.aliases.begin(), f.aliases.end(), f.id), f.aliases.end());
  if (f.fixed.empty()) {
    for (const advisory::Match* m : group) AddUnique(f.fixed, m->last_known_good);
  }
  // Malicious code is critical wherever it sits; other advisories are high
  // until CVSS scoring is added.
  f.severity = f.malicious ? model::Severity::kCritical : model::Severity::kHigh;
  return f;
}

}  // namespace

std::vector<model::Finding> MatchAdvisories(const Inventory& inventory,
                                            const advisory::Database& database,
                                            Diagnostics& diagnostics) {
  std::map<PackageKey, std::vector<Occurrence>> unique;
  for (std::uint32_t s = 0; s < inventory.sources.size(); ++s) {
    const model::Source& source = inventory.sources[s];
    for (std::uint32_t p = 0; p < source.packages.size(); ++p) {
      const model::Package& package = source.packages[p];
      if (package.name.empty()) continue;
      unique[{package.ecosystem, package.name, package.version}].push_back({s, p});
    }
  }

  std::vector<model::Finding> findings;
  std::vector<std::optional<DependencyPaths>> paths(inventory.sources.size());
  for (const auto& [key, occurrences] : unique) {
    const auto& [ecosystem, name, version] = key;
    auto result = database.Lookup(ecosystem, name, version);
    if (!result) {
      diagnostics.Error("", 0, 0, result.error().message);
      continue;
    }
    if (version.empty()) {
      // A declared range or a local folder names no version: only advisories
      // that condemn every version can be said to apply, and the ranges of
      // the others are no one's concern until a lockfile pins something.
      std::erase_if(result->matches, [](const advisory::Match& m) { return !m.all_versions; });
      result->unevaluated.clear();
    }
    for (const advisory::Unevaluated& u : result->unevaluated) {
      diagnostics.Warning("", 0, 0,
                          u.id + " could not be evaluated for " + name + "@" + version + ": " +
                              u.reason);
    }
    for (const auto& group : GroupMatches(result->matches)) {
      model::Finding f = MakeFinding(group);
      f.ecosystem = ecosystem;
      f.name = name;
      f.version = version;
      f.purl = model::Purl(ecosystem, name, version);
      std::set<std::vector<std::string>> seen_paths;
      for (const Occurrence& o : occurrences) {
        const model::Source& source = inventory.sources[o.source];
        const model::Package& package = source.packages[o.package];
        for (const model::Location& l : package.locations) {
          // Two sources may name the same line (a requirements file included
          // by two others): say it once.
          bool seen = std::any_of(f.locations.begin(), f.locations.end(), [&l](const auto& x) {
            return x.file == l.file && x.line == l.line && x.column == l.column;
          });
          if (!seen) f.locations.push_back(l);
        }
        if (!paths[o.source]) paths[o.source].emplace(source);
        std::vector<std::string> path = paths[o.source]->To(o.package);
        if (!path.empty() && seen_paths.insert(path).second) f.paths.push_back(path);
      }
      std::sort(f.paths.begin(), f.paths.end(), [](const auto& a, const auto& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
      });
      findings.push_back(std::move(f));
    }
  }
  SortFindings(findings);
  return findings;
}

void SortFindings(std::vector<model::Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.name != b.name) return a.name < b.name;
    if (a.version != b.version) return a.version < b.version;
    return a.id < b.id;
  });
}

}  // namespace chainward::analyze
