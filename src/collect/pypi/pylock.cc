// PEP 751 lockfiles (pylock.toml, pylock.<name>.toml): one [[packages]]
// entry per distribution, each from exactly one place: an index (sdist and
// wheels, with hashes tables), a VCS checkout, a local directory or an
// archive. Entries name their dependencies by name (and version or source
// where needed); there is no root project, so no entry is marked direct,
// and dev-ness shows only in markers ("'dev' in dependency_groups").
#include "collect/pypi/pylock.h"

#include <utility>

#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/lock_graph.h"
#include "collect/pypi/lock_support.h"
#include "collect/pypi/pep508.h"

namespace chainward::collect::pypi {

namespace {

class PylockReader {
 public:
  PylockReader(const TomlDocument& doc, Diagnostics& diagnostics) : r_(doc, diagnostics) {}

  Result<model::Source> Read();

 private:
  void ReadPackage(const toml::node& node);
  // Appends every "algo:hex" of the `hashes` table of `file`.
  void ReadHashes(const toml::table& file, model::Package& p);

  TomlReader r_;
  model::Source source_;
  std::vector<const toml::table*> tables_;
  NameIndex names_;
};

void PylockReader::ReadHashes(const toml::table& file, model::Package& p) {
  const toml::table* hashes = r_.Table(file, "hashes");
  if (hashes == nullptr) return;
  for (const auto& [algorithm, digest] : *hashes) {
    if (const std::string* hex = r_.Text(digest)) {
      p.hashes.push_back(HashOf(algorithm.str(), *hex));
    } else {
      r_.Error(digest, "expected a string for hash \"" + std::string(algorithm.str()) +
                           "\", found " + std::string(TomlTypeName(digest)));
    }
  }
}

void PylockReader::ReadPackage(const toml::node& node) {
  std::optional<TomlReader::EntryHead> head = r_.ReadEntryHead(node, "[[packages]]", false);
  if (!head || !r_.RoomForPackage(source_.packages.size(), node)) return;
  const toml::table* table = head->table;
  const std::string* name = head->name;
  const std::string* version = head->version;
  model::Package p;
  p.ecosystem = model::Ecosystem::kPyPI;
  p.name = *name;
  if (version != nullptr) p.version = *version;
  if (const std::string* marker = r_.String(*table, "marker")) {
    p.markers = *marker;
    bool group = p.markers.find("dependency_groups") != std::string::npos;
    bool extra = p.markers.find("extras") != std::string::npos;
    p.flags.dev = group && !extra;
    p.flags.optional = extra && !group;
  }
  if (const std::string* index = r_.String(*table, "index")) {
    if (!IsDefaultIndex(*index)) p.index = RedactUserinfo(*index);
  }
  if (const toml::table* vcs = r_.Table(*table, "vcs")) {
    p.kind = model::SourceKind::kGit;
    const std::string* url = r_.String(*vcs, "url");
    const std::string* path = r_.String(*vcs, "path");
    p.resolved = "git+" + (url != nullptr ? RedactUserinfo(*url) : path != nullptr ? *path : "");
    if (const std::string* commit = r_.String(*vcs, "commit-id")) p.resolved += "@" + *commit;
    if (const std::string* sub = r_.String(*vcs, "subdirectory")) {
      p.resolved += "#subdirectory=" + *sub;
    }
  } else if (const toml::table* directory = r_.Table(*table, "directory")) {
    p.kind = model::SourceKind::kFile;
    if (const std::string* path = r_.String(*directory, "path")) p.resolved = *path;
    p.flags.editable = r_.Bool(*directory, "editable", false);
  } else if (const toml::table* archive = r_.Table(*table, "archive")) {
    const std::string* url = r_.String(*archive, "url");
    const std::string* path = r_.String(*archive, "path");
    p.kind = url != nullptr ? model::SourceKind::kTarball : model::SourceKind::kFile;
    p.resolved = url != nullptr ? RedactUserinfo(*url) : path != nullptr ? *path : "";
    ReadHashes(*archive, p);
  }
  if (const toml::table* sdist = r_.Table(*table, "sdist")) ReadHashes(*sdist, p);
  if (const toml::array* wheels = r_.Array(*table, "wheels")) {
    for (const toml::node& wheel : *wheels) {
      if (const toml::table* w = wheel.as_table()) {
        ReadHashes(*w, p);
      } else {
        r_.Error(wheel, "expected a table for a wheel, found " + std::string(TomlTypeName(wheel)));
      }
    }
  }
  p.locations.push_back(r_.LocationOf(node));
  names_.Add(NormalizeName(p.name), static_cast<std::uint32_t>(source_.packages.size()));
  tables_.push_back(table);
  source_.packages.push_back(std::move(p));
}

Result<model::Source> PylockReader::Read() {
  const toml::table& root = r_.document().root();
  const toml::node* version_node = root.get("lock-version");
  if (version_node == nullptr) return Fail(ErrorCode::kParse, r_.path() + ": no \"lock-version\"");
  const std::string* lock_version = r_.String(root, "lock-version");
  int major = 0, minor = 0;
  if (lock_version == nullptr || !ParseLockVersion(*lock_version, &major, &minor)) {
    return Fail(ErrorCode::kParse,
                r_.document().Where(*version_node) + ": \"lock-version\" is not a version string");
  }
  if (major != 1) {
    return Fail(ErrorCode::kUnsupported, r_.document().Where(*version_node) +
                                             ": pylock lock-version \"" + *lock_version +
                                             "\" is not supported (1.x is)");
  }
  if (minor > 0) {
    r_.Warning(*version_node, "lock-version " + *lock_version +
                                  " is newer than the version read (1.0); read as 1.0");
  }
  source_.format = model::SourceFormat::kPylock;
  source_.path = r_.path();
  source_.format_version = *lock_version;
  if (const toml::array* packages = r_.Array(root, "packages")) {
    for (const toml::node& node : *packages) ReadPackage(node);
  }
  LockGraph graph(source_.packages.size());
  for (std::uint32_t i = 0; i < tables_.size(); ++i) {
    const toml::array* deps = r_.Array(*tables_[i], "dependencies");
    if (deps == nullptr) continue;
    for (const toml::node& dep : *deps) {
      const toml::table* t = dep.as_table();
      const std::string* name = t != nullptr ? r_.String(*t, "name") : nullptr;
      if (name == nullptr) {
        r_.Error(dep, "dependency without \"name\"; skipped");
        continue;
      }
      const std::string* want = r_.String(*t, "version");
      bool found = false;
      for (std::uint32_t target : names_.Find(NormalizeName(*name))) {
        if (want != nullptr && source_.packages[target].version != *want) continue;
        graph.AddEdge(i, LockEdge{target, {}});
        found = true;
      }
      if (!found) {
        r_.Error(dep, "dependency \"" + *name + "\" is not a package of this lock; edge skipped");
      }
    }
  }
  graph.Apply({}, source_.packages);
  return std::move(source_);
}

}  // namespace

Result<model::Source> ParsePylock(std::string_view path, std::string_view content,
                                  Diagnostics& diagnostics) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  return PylockReader(*doc, diagnostics).Read();
}

bool IsPylockName(std::string_view file_name) {
  if (file_name == "pylock.toml") return true;
  if (!StartsWith(file_name, "pylock.") || !EndsWith(file_name, ".toml")) return false;
  std::string_view name = file_name.substr(7, file_name.size() - 7 - 5);
  return !name.empty() && name.find('.') == std::string_view::npos;
}

}  // namespace chainward::collect::pypi
