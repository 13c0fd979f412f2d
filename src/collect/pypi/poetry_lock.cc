// poetry.lock, in the three layouts Poetry has written:
//
//   lock-version 1.1 (Poetry 1.0-1.2)  [[package]] with category = "main" |
//                                      "dev"; hashes in [metadata.files]
//   lock-version 2.0 (Poetry 1.3-1.8)  hashes in each package's `files`; no
//                                      category: dev-ness is not recorded
//   lock-version 2.1 (Poetry 2.x)      groups = ["main", "dev"] and markers
//                                      per group
//
// Edges come from [package.dependencies], by name (Poetry may lock several
// versions of one name for different markers; an edge leads to each, and a
// dependency whose markers excluded every locked version is simply absent),
// and from [package.extras], whose PEP 508 strings name the optional
// dependencies each extra turns on. When the file records no dev-ness (2.0),
// it follows from what the pyproject's main, extra and group declarations
// reach (lock_graph.h); when it does, the recorded flags stand.
#include "collect/pypi/poetry_lock.h"

#include <optional>
#include <unordered_map>
#include <utility>

#include "base/limits.h"
#include "collect/pypi/lock_graph.h"
#include "collect/pypi/lock_support.h"
#include "collect/pypi/pep508.h"

namespace chainward::collect::pypi {

namespace {

// The dev and optional flags a package's own entry records, when it does.
struct RecordedFlags {
  bool known = false;
  bool dev = false;
  bool optional = false;
};

class PoetryReader {
 public:
  PoetryReader(const TomlDocument& doc, const PyProject* project, Diagnostics& diagnostics)
      : r_(doc, diagnostics), project_(project), diagnostics_(diagnostics) {}

  Result<model::Source> Read();

 private:
  void ReadPackage(const toml::node& node);
  void ReadSource(const toml::table& source, model::Package& p);
  void ReadEdges(std::uint32_t from, LockGraph& graph);

  TomlReader r_;
  const PyProject* project_;
  Diagnostics& diagnostics_;
  model::Source source_;
  std::vector<const toml::table*> tables_;
  std::vector<RecordedFlags> recorded_;
  NameIndex names_;
};

void PoetryReader::ReadSource(const toml::table& source, model::Package& p) {
  const std::string* type = r_.String(source, "type");
  const std::string* url = r_.String(source, "url");
  if (type == nullptr || url == nullptr) {
    r_.Error(source, "[package.source] of \"" + p.name + "\" needs \"type\" and \"url\"");
    return;
  }
  if (*type == "git") {
    p.kind = model::SourceKind::kGit;
    p.resolved = "git+" + RedactUserinfo(*url);
    const std::string* commit = r_.String(source, "resolved_reference");
    if (commit == nullptr) commit = r_.String(source, "reference");
    if (commit != nullptr) p.resolved += "@" + *commit;
    if (const std::string* sub = r_.String(source, "subdirectory")) {
      p.resolved += "#subdirectory=" + *sub;
    }
  } else if (*type == "url") {
    p.kind = model::SourceKind::kTarball;
    p.resolved = RedactUserinfo(*url);
  } else if (*type == "file" || *type == "directory") {
    p.kind = model::SourceKind::kFile;
    p.resolved = *url;
  } else {
    // "legacy" (a named index), and any index type Poetry adds later.
    if (!IsDefaultIndex(*url)) p.index = RedactUserinfo(*url);
  }
}

void PoetryReader::ReadPackage(const toml::node& node) {
  std::optional<TomlReader::EntryHead> head = r_.ReadEntryHead(node, "[[package]]", true);
  if (!head || !r_.RoomForPackage(source_.packages.size(), node)) return;
  const toml::table* table = head->table;
  const std::string* name = head->name;
  const std::string* version = head->version;
  model::Package p;
  p.ecosystem = model::Ecosystem::kPyPI;
  p.name = *name;
  p.version = *version;
  p.flags.optional = r_.Bool(*table, "optional", false);
  p.flags.editable = r_.Bool(*table, "develop", false);
  RecordedFlags recorded;
  recorded.optional = p.flags.optional;
  if (table->get("groups") != nullptr) {
    recorded.known = true;
    recorded.dev = true;
    for (const std::string& g : r_.Strings(*table, "groups")) {
      if (g == "main") recorded.dev = false;
    }
  } else if (const std::string* category = r_.String(*table, "category")) {
    recorded.known = true;
    recorded.dev = *category == "dev";
  }
  if (const toml::node* markers = table->get("markers")) {
    if (const std::string* s = r_.Text(*markers)) {
      p.markers = *s;
    } else if (const toml::table* per_group = markers->as_table()) {
      if (const toml::node* main = per_group->get("main"); main != nullptr && main->is_string()) {
        p.markers = *r_.Text(*main);
      } else {
        for (const auto& entry : *per_group) {
          if (!p.markers.empty()) p.markers += " or ";
          const std::string* m = r_.Text(entry.second);
          p.markers += "(" + (m != nullptr ? *m : std::string()) + ")";
        }
      }
    } else {
      r_.Error(*markers, "expected a string or a table for \"markers\", found " +
                             std::string(TomlTypeName(*markers)));
    }
  }
  if (const toml::array* files = r_.Array(*table, "files"))
    r_.AppendHashes(*files, "file", p.hashes);
  if (const toml::table* src = r_.Table(*table, "source")) ReadSource(*src, p);
  p.locations.push_back(r_.LocationOf(node));
  names_.Add(NormalizeName(p.name), static_cast<std::uint32_t>(source_.packages.size()));
  tables_.push_back(table);
  recorded_.push_back(recorded);
  source_.packages.push_back(std::move(p));
}

void PoetryReader::ReadEdges(std::uint32_t from, LockGraph& graph) {
  const toml::table& table = *tables_[from];
  // The optional dependencies each extra turns on, by normalized name.
  std::unordered_map<std::string, std::vector<std::string>> extras_of;
  if (const toml::table* extras = r_.Table(table, "extras")) {
    for (const auto& [extra, list] : *extras) {
      const toml::array* items = list.as_array();
      if (items == nullptr) {
        r_.Error(list, "expected an array for extra \"" + std::string(extra.str()) + "\", found " +
                           std::string(TomlTypeName(list)));
        continue;
      }
      for (const toml::node& item : *items) {
        const std::string* text = r_.Text(item);
        if (text == nullptr) {
          r_.Error(item, "expected a string in extra \"" + std::string(extra.str()) + "\", found " +
                             std::string(TomlTypeName(item)));
          continue;
        }
        auto req = ParseRequirement(*text);
        if (!req) {
          r_.Error(item,
                   "\"" + *text + "\" is not a PEP 508 requirement: " + req.error().message);
          continue;
        }
        extras_of[NormalizeName(req->name)].push_back(NormalizeName(extra.str()));
      }
    }
  }
  const toml::table* deps = r_.Table(table, "dependencies");
  if (deps == nullptr) return;
  for (const auto& [key, value] : *deps) {
    std::string name = NormalizeName(key.str());
    // A dependency is a constraint string, a table, or an array of tables
    // (one per marker); it is optional when any of its tables says so.
    bool optional = false;
    std::vector<std::string> asked;
    auto read_table = [&](const toml::table& t) {
      optional = optional || r_.Bool(t, "optional", false);
      for (const std::string& e : r_.Strings(t, "extras")) asked.push_back(NormalizeName(e));
    };
    if (const toml::table* t = value.as_table()) {
      read_table(*t);
    } else if (const toml::array* alternatives = value.as_array()) {
      for (const toml::node& alternative : *alternatives) {
        if (const toml::table* one = alternative.as_table()) {
          read_table(*one);
        } else {
          r_.Error(alternative, "expected a table in the constraints of \"" +
                                    std::string(key.str()) + "\", found " +
                                    std::string(TomlTypeName(alternative)));
        }
      }
    } else if (!value.is_string()) {
      r_.Error(value, "expected a string or a table for dependency \"" + std::string(key.str()) +
                          "\", found " + std::string(TomlTypeName(value)));
      continue;
    }
    for (std::uint32_t target : names_.Find(name)) {
      LockEdge edge{target, asked};
      if (!optional) {
        graph.AddEdge(from, std::move(edge));
        continue;
      }
      auto it = extras_of.find(name);
      if (it == extras_of.end()) {
        graph.AddExtraEdge(from, "optional:" + name, std::move(edge));
        continue;
      }
      for (const std::string& extra : it->second) graph.AddExtraEdge(from, extra, edge);
    }
  }
}

Result<model::Source> PoetryReader::Read() {
  const toml::table& root = r_.document().root();
  const toml::table* metadata = r_.Table(root, "metadata");
  const std::string* lock_version =
      metadata != nullptr ? r_.String(*metadata, "lock-version") : nullptr;
  if (lock_version == nullptr) {
    return Fail(ErrorCode::kParse, r_.path() + ": no [metadata] \"lock-version\"");
  }
  const toml::node& version_node = *metadata->get("lock-version");
  int major = 0, minor = 0;
  if (!ParseLockVersion(*lock_version, &major, &minor) || major < 1 || major > 2) {
    return Fail(ErrorCode::kUnsupported, r_.document().Where(version_node) +
                                             ": poetry.lock lock-version \"" + *lock_version +
                                             "\" is not supported (1.x and 2.x are)");
  }
  if (major == 2 && minor > 1) {
    r_.Warning(version_node, "lock-version " + *lock_version +
                                 " is newer than the versions read (up to 2.1); read as 2.1");
  }
  source_.format = model::SourceFormat::kPoetryLock;
  source_.path = r_.path();
  source_.format_version = *lock_version;
  if (const toml::array* packages = r_.Array(root, "package")) {
    for (const toml::node& node : *packages) ReadPackage(node);
  }
  // lock-version 1.x keeps hashes apart, by name.
  if (const toml::table* files = r_.Table(*metadata, "files")) {
    for (const auto& [key, list] : *files) {
      const toml::array* items = list.as_array();
      if (items == nullptr) {
        r_.Error(list, "expected an array for the files of \"" + std::string(key.str()) +
                           "\", found " + std::string(TomlTypeName(list)));
        continue;
      }
      for (std::uint32_t target : names_.Find(NormalizeName(key.str()))) {
        for (const toml::node& item : *items) {
          const toml::table* f = item.as_table();
          const std::string* hash = f != nullptr ? r_.String(*f, "hash") : nullptr;
          if (hash != nullptr) source_.packages[target].hashes.push_back(*hash);
        }
      }
    }
  }
  LockGraph graph(source_.packages.size());
  for (std::uint32_t i = 0; i < source_.packages.size(); ++i) ReadEdges(i, graph);
  std::vector<RootEdge> roots;
  if (project_ != nullptr) {
    roots = DirectEdges(*project_, names_);
  } else {
    WarnNoPyproject(r_, diagnostics_);
  }
  graph.Apply(roots, source_.packages);
  for (std::size_t i = 0; i < source_.packages.size(); ++i) {
    if (!recorded_[i].known) continue;
    model::PackageFlags& f = source_.packages[i].flags;
    f.dev = recorded_[i].dev;
    f.dev_optional = false;
    f.optional = recorded_[i].optional;
  }
  return std::move(source_);
}

}  // namespace

Result<model::Source> ParsePoetryLock(std::string_view path, std::string_view content,
                                      const PyProject* project, Diagnostics& diagnostics) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  return PoetryReader(*doc, project, diagnostics).Read();
}

bool IsPoetryLockName(std::string_view file_name) { return file_name == "poetry.lock"; }

}  // namespace chainward::collect::pypi
