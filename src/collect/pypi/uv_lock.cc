// uv.lock: one [[package]] per resolved distribution, for every platform and
// Python version at once.
//
//   version = 1                      revision = 3 (minor changes, all read)
//   [manifest] members = [...]       workspace members, when more than one
//   [[package]]
//   name = "anyio"  version = "4.8.0"
//   source = { registry = "https://pypi.org/simple" }   or git / url / path /
//                                    directory / editable / virtual
//   resolution-markers = [...]       the forks this version is for
//   dependencies = [{ name = "idna", version = "3.10", source = {...},
//                     marker = "...", extra = ["socks"] }]
//   [package.optional-dependencies]  extra -> dependencies
//   [package.dev-dependencies]       group -> dependencies (members only)
//   sdist = { url, hash, size, upload-time }   wheels = [{ url, hash, ... }]
//
// A dependency names its target by name; uv adds version and source only
// when several packages share the name (a fork: numpy 1.26 for old Pythons,
// 2.2 for new ones), so edges are resolved by name first and narrowed by
// version and source. Members are the roots: their dependencies are the
// main roots, their extras the optional ones, their dependency groups the
// dev ones, and LockGraph turns reachability into flags. A member's groups
// are kept on the graph as extras named "group:<name>", which no real extra
// can be (normalized names have no ':'), so the walk follows them only from
// the member's own root edges.
#include "collect/pypi/uv_lock.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/lock_graph.h"
#include "collect/pypi/lock_support.h"
#include "collect/pypi/pep508.h"

namespace chainward::collect::pypi {

namespace {

// A [[package]] entry's identity and the tables edges are read from.
struct Entry {
  std::string normalized;
  std::string source_key;    // "registry", "git", ...
  std::string source_value;  // the URL or path
  const toml::table* table = nullptr;
  bool member = false;
};

class UvReader {
 public:
  UvReader(const TomlDocument& doc, Diagnostics& diagnostics) : r_(doc, diagnostics) {}

  Result<model::Source> Read();

 private:
  void ReadPackage(const toml::node& node);
  bool ReadSource(const toml::table& table, Entry& entry, model::Package& p);
  // Resolves the dependency table `dep` of package `from`; false when it
  // names no package of the lock (reported).
  bool Resolve(const toml::node& dep, std::vector<LockEdge>& out);
  void ReadEdges(const toml::array& deps, std::uint32_t from, const std::string& extra);
  void ReadEdgeTable(const toml::table& table, std::string_view key, std::uint32_t from,
                     const std::string& prefix);

  TomlReader r_;
  model::Source source_;
  std::vector<Entry> entries_;
  NameIndex names_;
  std::unordered_set<std::string> members_;
  LockGraph* graph_ = nullptr;
  std::vector<RootEdge> roots_;
};

// The value of a one-key source table as "key=value", for comparing an
// edge's source with a package's.
std::string SourceIdentity(const TomlReader& r, const toml::table& source) {
  std::string out;
  for (const auto& [key, value] : source) {
    const std::string* text = r.Text(value);
    out += std::string(key.str()) + "=" + (text != nullptr ? *text : std::string()) + ";";
  }
  return out;
}

// "https://github.com/o/r?rev=v1&subdirectory=pkg#abc123" ->
// "git+https://github.com/o/r@abc123#subdirectory=pkg".
std::string GitResolved(std::string_view url) {
  std::string_view commit;
  std::size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    commit = url.substr(hash + 1);
    url = url.substr(0, hash);
  }
  std::string_view query;
  std::size_t question = url.find('?');
  if (question != std::string_view::npos) {
    query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  std::string out = "git+" + RedactUserinfo(url);
  if (!commit.empty()) out += "@" + std::string(commit);
  std::size_t sub = query.find("subdirectory=");
  if (sub != std::string_view::npos && (sub == 0 || query[sub - 1] == '&')) {
    std::string_view dir = query.substr(sub + 13);
    out += "#subdirectory=" + std::string(dir.substr(0, dir.find('&')));
  }
  return out;
}

bool UvReader::ReadSource(const toml::table& table, Entry& entry, model::Package& p) {
  bool bad = false;
  const toml::table* source = r_.Table(table, "source", &bad);
  if (source == nullptr) {
    if (!bad) r_.Error(table, "package \"" + p.name + "\" has no \"source\"; skipped");
    return false;
  }
  for (const char* key : {"registry", "git", "url", "path", "directory", "editable", "virtual"}) {
    const std::string* value = r_.String(*source, key, &bad);
    if (value == nullptr) continue;
    entry.source_key = key;
    entry.source_value = *value;
    break;
  }
  if (entry.source_key.empty()) {
    if (!bad)
      r_.Error(*source, "package \"" + p.name + "\" has a source of no known kind; skipped");
    return false;
  }
  const std::string& v = entry.source_value;
  if (entry.source_key == "registry") {
    if (!IsDefaultIndex(v)) p.index = RedactUserinfo(v);
  } else if (entry.source_key == "git") {
    p.kind = model::SourceKind::kGit;
    p.resolved = GitResolved(v);
  } else if (entry.source_key == "url") {
    p.kind = model::SourceKind::kTarball;
    p.resolved = RedactUserinfo(v);
  } else {
    p.kind = model::SourceKind::kFile;
    p.resolved = v;
    p.flags.editable = entry.source_key == "editable";
    entry.member = (entry.source_key == "editable" || entry.source_key == "virtual") && v == ".";
  }
  return true;
}

void UvReader::ReadPackage(const toml::node& node) {
  std::optional<TomlReader::EntryHead> head = r_.ReadEntryHead(node, "[[package]]", false);
  if (!head || !r_.RoomForPackage(source_.packages.size(), node)) return;
  const toml::table* table = head->table;
  const std::string* name = head->name;
  const std::string* version = head->version;
  model::Package p;
  p.ecosystem = model::Ecosystem::kPyPI;
  p.name = *name;
  if (version != nullptr) p.version = *version;
  Entry entry;
  entry.normalized = NormalizeName(*name);
  entry.table = table;
  if (!ReadSource(*table, entry, p)) return;
  std::vector<std::string> forks = r_.Strings(*table, "resolution-markers");
  for (const std::string& m : forks) {
    if (!p.markers.empty()) p.markers += " or ";
    p.markers += forks.size() == 1 ? m : "(" + m + ")";
  }
  if (const toml::table* sdist = r_.Table(*table, "sdist")) {
    if (const std::string* hash = r_.String(*sdist, "hash")) p.hashes.push_back(*hash);
  }
  if (const toml::array* wheels = r_.Array(*table, "wheels")) {
    r_.AppendHashes(*wheels, "wheel", p.hashes);
  }
  p.locations.push_back(r_.LocationOf(node));
  names_.Add(entry.normalized, static_cast<std::uint32_t>(source_.packages.size()));
  entries_.push_back(std::move(entry));
  source_.packages.push_back(std::move(p));
}

bool UvReader::Resolve(const toml::node& dep, std::vector<LockEdge>& out) {
  const toml::table* t = dep.as_table();
  if (t == nullptr) {
    r_.Error(dep, "expected a table for a dependency, found " + std::string(TomlTypeName(dep)));
    return false;
  }
  const std::string* name = r_.String(*t, "name");
  if (name == nullptr) {
    r_.Error(dep, "dependency without \"name\"; skipped");
    return false;
  }
  const std::string* version = r_.String(*t, "version");
  const toml::table* source = r_.Table(*t, "source");
  std::vector<std::string> extras = r_.Strings(*t, "extra");
  for (std::string& e : extras) e = NormalizeName(e);
  std::vector<std::uint32_t> matches;
  for (std::uint32_t candidate : names_.Find(NormalizeName(*name))) {
    const model::Package& p = source_.packages[candidate];
    if (version != nullptr && p.version != *version) continue;
    if (source != nullptr) {
      const Entry& e = entries_[candidate];
      if (SourceIdentity(r_, *source) != e.source_key + "=" + e.source_value + ";") continue;
    }
    matches.push_back(candidate);
  }
  if (matches.empty()) {
    std::string what = "\"" + *name + "\"";
    if (version != nullptr) what += " " + *version;
    r_.Error(dep, "dependency " + what + " is not a package of this lock; edge skipped");
    return false;
  }
  if (matches.size() > 1) {
    r_.Warning(dep, "dependency \"" + *name + "\" matches " + std::to_string(matches.size()) +
                        " packages; linked to each");
  }
  for (std::uint32_t m : matches) {
    out.push_back(LockEdge{m, extras});
    model::Package& target = source_.packages[m];
    for (const std::string& e : extras) {
      if (std::find(target.extras.begin(), target.extras.end(), e) == target.extras.end()) {
        target.extras.push_back(e);
      }
    }
  }
  return true;
}

void UvReader::ReadEdges(const toml::array& deps, std::uint32_t from, const std::string& extra) {
  bool member = entries_[from].member;
  for (const toml::node& dep : deps) {
    std::vector<LockEdge> edges;
    if (!Resolve(dep, edges)) continue;
    for (LockEdge& edge : edges) {
      if (member) {
        DependencyRole role = extra.empty()                 ? DependencyRole::kMain
                              : StartsWith(extra, "group:") ? DependencyRole::kDev
                                                            : DependencyRole::kOptional;
        roots_.push_back(RootEdge{edge, role});
      }
      if (extra.empty())
        graph_->AddEdge(from, std::move(edge));
      else
        graph_->AddExtraEdge(from, extra, std::move(edge));
    }
  }
}

void UvReader::ReadEdgeTable(const toml::table& table, std::string_view key, std::uint32_t from,
                             const std::string& prefix) {
  const toml::table* groups = r_.Table(table, key);
  if (groups == nullptr) return;
  for (const auto& [name, list] : *groups) {
    const toml::array* deps = list.as_array();
    if (deps == nullptr) {
      r_.Error(list, "expected an array for \"" + std::string(name.str()) + "\", found " +
                         std::string(TomlTypeName(list)));
      continue;
    }
    ReadEdges(*deps, from, prefix + NormalizeName(name.str()));
  }
}

Result<model::Source> UvReader::Read() {
  const toml::table& root = r_.document().root();
  const toml::node* version = root.get("version");
  if (version == nullptr) return Fail(ErrorCode::kParse, r_.path() + ": no \"version\"");
  const toml::value<std::int64_t>* number = version->as_integer();
  if (number == nullptr) {
    return Fail(ErrorCode::kParse, r_.document().Where(*version) +
                                       ": expected an integer for \"version\", found " +
                                       std::string(TomlTypeName(*version)));
  }
  if (number->get() != 1) {
    return Fail(ErrorCode::kUnsupported, r_.document().Where(*version) + ": uv.lock version " +
                                             std::to_string(number->get()) +
                                             " is not supported (version 1 is)");
  }
  if (root.get("distribution") != nullptr && root.get("package") == nullptr) {
    return Fail(ErrorCode::kUnsupported,
                r_.path() +
                    ": [[distribution]] is the layout of uv's 0.2 previews, which is "
                    "not read; `uv lock` writes the current layout");
  }
  source_.format = model::SourceFormat::kUvLock;
  source_.path = r_.path();
  source_.format_version = std::to_string(number->get());
  if (const toml::table* manifest = r_.Table(root, "manifest")) {
    for (const std::string& m : r_.Strings(*manifest, "members")) members_.insert(NormalizeName(m));
  }
  if (const toml::array* packages = r_.Array(root, "package")) {
    for (const toml::node& node : *packages) ReadPackage(node);
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (members_.count(entries_[i].normalized) != 0 &&
        (entries_[i].source_key == "editable" || entries_[i].source_key == "virtual")) {
      entries_[i].member = true;
    }
    if (entries_[i].member) source_.packages[i].kind = model::SourceKind::kWorkspace;
  }
  LockGraph graph(source_.packages.size());
  graph_ = &graph;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    const toml::table& table = *entries_[i].table;
    if (const toml::array* deps = r_.Array(table, "dependencies")) ReadEdges(*deps, i, "");
    ReadEdgeTable(table, "optional-dependencies", i, "");
    ReadEdgeTable(table, "dev-dependencies", i, "group:");
  }
  // A workspace without a root project lists its own requirements here.
  if (const toml::table* manifest = root["manifest"].as_table()) {
    auto add_roots = [&](const toml::array& requirements, DependencyRole role) {
      for (const toml::node& req : requirements) {
        const toml::table* t = req.as_table();
        const std::string* name = t != nullptr ? r_.String(*t, "name") : nullptr;
        if (name == nullptr) continue;
        for (std::uint32_t m : names_.Find(NormalizeName(*name))) {
          roots_.push_back(RootEdge{LockEdge{m, {}}, role});
        }
      }
    };
    if (const toml::array* requirements = r_.Array(*manifest, "requirements")) {
      add_roots(*requirements, DependencyRole::kMain);
    }
    if (const toml::table* groups = r_.Table(*manifest, "dependency-groups")) {
      for (const auto& entry : *groups) {
        if (const toml::array* list = entry.second.as_array())
          add_roots(*list, DependencyRole::kDev);
      }
    }
  }
  graph.Apply(roots_, source_.packages);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].member) continue;
    // Members are the project, not dependencies: no flags of their own.
    model::PackageFlags& f = source_.packages[i].flags;
    f.dev = f.optional = f.dev_optional = false;
  }
  return std::move(source_);
}

}  // namespace

Result<model::Source> ParseUvLock(std::string_view path, std::string_view content,
                                  Diagnostics& diagnostics) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  return UvReader(*doc, diagnostics).Read();
}

bool IsUvLockName(std::string_view file_name) { return file_name == "uv.lock"; }

}  // namespace chainward::collect::pypi
