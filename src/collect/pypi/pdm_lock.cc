// pdm.lock: [metadata] (lock_version, groups, strategy) and one [[package]]
// per distribution, each with PEP 508 `dependencies`.
//
//   [[package]] name = "requests" version = "2.26.0"   dependencies = [...]
//   [[package]] name = "requests" version = "2.26.0" extras = ["security"]
//               dependencies = ["requests", "pyopenssl>=0.14", ...]
//
// The second entry is how PDM locks "requests[security]": it depends on the
// plain entry plus the extra's requirements. Both are one distribution, so
// the extras entry is folded into the plain one and its requirements become
// edges of that extra (followed only when something asks for it). Older
// files (lock_version 3.x and 4.0) keep hashes apart in [metadata.files],
// keyed "name version". Entries written with the inherit_metadata strategy
// carry `groups`, which give their flags directly; for the others the
// pyproject's declarations and the graph decide.
#include "collect/pypi/pdm_lock.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "base/limits.h"
#include "collect/pypi/lock_graph.h"
#include "collect/pypi/lock_support.h"
#include "collect/pypi/pep508.h"

namespace chainward::collect::pypi {

namespace {

struct PdmEdge {
  std::string name;  // normalized
  std::string pinned;
  std::vector<std::string> extras;
  const toml::node* at = nullptr;
};

struct PdmEntry {
  std::vector<PdmEdge> base;
  std::vector<std::pair<std::string, std::vector<PdmEdge>>> by_extra;
  std::vector<std::string> groups;
  bool has_groups = false;
};

class PdmReader {
 public:
  PdmReader(const TomlDocument& doc, const PyProject* project, Diagnostics& diagnostics)
      : r_(doc, diagnostics), project_(project), diagnostics_(diagnostics) {}

  Result<model::Source> Read();

 private:
  void ReadPackage(const toml::node& node);
  std::vector<PdmEdge> ReadRequirements(const toml::table& table);
  void ResolveEdges(LockGraph& graph);

  TomlReader r_;
  const PyProject* project_;
  Diagnostics& diagnostics_;
  model::Source source_;
  std::vector<PdmEntry> entries_;
  NameIndex names_;
  // "name version" (normalized name) -> package index, for folding extras
  // entries and for [metadata.files].
  std::unordered_map<std::string, std::uint32_t> by_key_;
};

std::vector<PdmEdge> PdmReader::ReadRequirements(const toml::table& table) {
  std::vector<PdmEdge> out;
  const toml::array* deps = r_.Array(table, "dependencies");
  if (deps == nullptr) return out;
  for (const toml::node& item : *deps) {
    const std::string* text = r_.Text(item);
    if (text == nullptr) {
      r_.Error(item, "expected a PEP 508 string, found " + std::string(TomlTypeName(item)));
      continue;
    }
    auto req = ParseRequirement(*text);
    if (!req) {
      r_.Error(item,
               "\"" + *text + "\" is not a PEP 508 requirement: " + req.error().message);
      continue;
    }
    PdmEdge edge;
    edge.name = NormalizeName(req->name);
    edge.pinned = PinnedVersion(req->specifier);
    for (const std::string& e : req->extras) edge.extras.push_back(NormalizeName(e));
    edge.at = &item;
    out.push_back(std::move(edge));
  }
  return out;
}

void PdmReader::ReadPackage(const toml::node& node) {
  std::optional<TomlReader::EntryHead> head = r_.ReadEntryHead(node, "[[package]]", false);
  if (!head) return;
  const toml::table* table = head->table;
  const std::string* name = head->name;
  const std::string* version = head->version;
  std::string normalized = NormalizeName(*name);
  std::string key = normalized + " " + (version != nullptr ? *version : std::string());
  std::vector<std::string> extras = r_.Strings(*table, "extras");
  std::vector<PdmEdge> requirements = ReadRequirements(*table);
  auto folded = by_key_.find(key);
  if (!extras.empty() && folded != by_key_.end()) {
    model::Package& p = source_.packages[folded->second];
    PdmEntry& entry = entries_[folded->second];
    for (const std::string& e : extras) {
      std::string n = NormalizeName(e);
      if (std::find(p.extras.begin(), p.extras.end(), n) == p.extras.end()) p.extras.push_back(n);
      entry.by_extra.emplace_back(n, requirements);
    }
    p.locations.push_back(r_.LocationOf(node));
    return;
  }
  if (!r_.RoomForPackage(source_.packages.size(), node)) return;
  model::Package p;
  p.ecosystem = model::Ecosystem::kPyPI;
  p.name = *name;
  if (version != nullptr) p.version = *version;
  if (const std::string* marker = r_.String(*table, "marker")) p.markers = *marker;
  p.flags.editable = r_.Bool(*table, "editable", false);
  if (const std::string* git = r_.String(*table, "git")) {
    p.kind = model::SourceKind::kGit;
    p.resolved = "git+" + RedactUserinfo(*git);
    const std::string* revision = r_.String(*table, "revision");
    if (revision == nullptr) revision = r_.String(*table, "ref");
    if (revision != nullptr) p.resolved += "@" + *revision;
    if (const std::string* sub = r_.String(*table, "subdirectory")) {
      p.resolved += "#subdirectory=" + *sub;
    }
  } else if (const std::string* url = r_.String(*table, "url")) {
    p.kind = model::SourceKind::kTarball;
    p.resolved = RedactUserinfo(*url);
  } else if (const std::string* path = r_.String(*table, "path")) {
    p.kind = model::SourceKind::kFile;
    p.resolved = *path;
  }
  if (const toml::array* files = r_.Array(*table, "files"))
    r_.AppendHashes(*files, "file", p.hashes);
  PdmEntry entry;
  entry.has_groups = table->get("groups") != nullptr;
  entry.groups = r_.Strings(*table, "groups");
  if (extras.empty()) {
    entry.base = std::move(requirements);
  } else {
    // An extras entry without a plain one: the distribution, with its extras.
    for (const std::string& e : extras) {
      p.extras.push_back(NormalizeName(e));
      entry.by_extra.emplace_back(NormalizeName(e), requirements);
    }
  }
  p.locations.push_back(r_.LocationOf(node));
  auto index = static_cast<std::uint32_t>(source_.packages.size());
  names_.Add(normalized, index);
  by_key_.emplace(key, index);
  entries_.push_back(std::move(entry));
  source_.packages.push_back(std::move(p));
}

void PdmReader::ResolveEdges(LockGraph& graph) {
  auto targets = [this](const PdmEdge& edge) {
    std::vector<std::uint32_t> out;
    const std::vector<std::uint32_t>& all = names_.Find(edge.name);
    if (!edge.pinned.empty()) {
      for (std::uint32_t t : all) {
        if (source_.packages[t].version == edge.pinned) out.push_back(t);
      }
    }
    return out.empty() ? all : out;
  };
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    for (const PdmEdge& edge : entries_[i].base) {
      for (std::uint32_t t : targets(edge)) graph.AddEdge(i, LockEdge{t, edge.extras});
    }
    for (const auto& [extra, edges] : entries_[i].by_extra) {
      for (const PdmEdge& edge : edges) {
        for (std::uint32_t t : targets(edge)) {
          if (t != i) graph.AddExtraEdge(i, extra, LockEdge{t, edge.extras});
        }
      }
    }
  }
}

Result<model::Source> PdmReader::Read() {
  const toml::table& root = r_.document().root();
  const toml::table* metadata = r_.Table(root, "metadata");
  const std::string* lock_version =
      metadata != nullptr ? r_.String(*metadata, "lock_version") : nullptr;
  if (lock_version == nullptr) {
    return Fail(ErrorCode::kParse, r_.path() + ": no [metadata] \"lock_version\"");
  }
  int major = 0, minor = 0;
  if (!ParseLockVersion(*lock_version, &major, &minor) || major < 3 || major > 4) {
    return Fail(ErrorCode::kUnsupported, r_.document().Where(*metadata->get("lock_version")) +
                                             ": pdm.lock lock_version \"" + *lock_version +
                                             "\" is not supported (3.x and 4.x are)");
  }
  source_.format = model::SourceFormat::kPdmLock;
  source_.path = r_.path();
  source_.format_version = *lock_version;
  if (const toml::array* packages = r_.Array(root, "package")) {
    for (const toml::node& node : *packages) ReadPackage(node);
  }
  if (const toml::table* files = r_.Table(*metadata, "files")) {
    for (const auto& [key, list] : *files) {
      std::string_view k = key.str();
      std::size_t space = k.find(' ');
      std::string lookup = NormalizeName(k.substr(0, space)) +
                           (space == std::string_view::npos ? " " : std::string(k.substr(space)));
      auto it = by_key_.find(lookup);
      const toml::array* items = list.as_array();
      if (it == by_key_.end() || items == nullptr) continue;
      for (const toml::node& item : *items) {
        const toml::table* f = item.as_table();
        const std::string* hash = f != nullptr ? r_.String(*f, "hash") : nullptr;
        if (hash != nullptr) source_.packages[it->second].hashes.push_back(*hash);
      }
    }
  }
  LockGraph graph(source_.packages.size());
  ResolveEdges(graph);
  std::vector<RootEdge> roots;
  if (project_ != nullptr) {
    roots = DirectEdges(*project_, names_);
  } else {
    WarnNoPyproject(r_, diagnostics_);
  }
  graph.Apply(roots, source_.packages);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].has_groups) continue;
    bool main = false, optional = false, dev = false;
    for (const std::string& g : entries_[i].groups) {
      DependencyRole role = project_ != nullptr ? project_->RoleOfGroup(g)
                            : g == "default"    ? DependencyRole::kMain
                                                : DependencyRole::kDev;
      main = main || role == DependencyRole::kMain;
      optional = optional || role == DependencyRole::kOptional;
      dev = dev || role == DependencyRole::kDev;
    }
    model::PackageFlags& f = source_.packages[i].flags;
    f.dev = !main && dev && !optional;
    f.optional = !main && optional && !dev;
    f.dev_optional = !main && optional && dev;
  }
  return std::move(source_);
}

}  // namespace

Result<model::Source> ParsePdmLock(std::string_view path, std::string_view content,
                                   const PyProject* project, Diagnostics& diagnostics) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  return PdmReader(*doc, project, diagnostics).Read();
}

bool IsPdmLockName(std::string_view file_name) { return file_name == "pdm.lock"; }

}  // namespace chainward::collect::pypi
