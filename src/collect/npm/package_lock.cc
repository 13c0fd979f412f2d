// npm lockfiles: package-lock.json, npm-shrinkwrap.json and the hidden
// node_modules/.package-lock.json.
//
// Two layouts exist. lockfileVersion 2 and 3 (npm 7+) keep a flat
// `packages` map keyed by install path:
//
//   "": {"dependencies": {"axios": "^1.14.0"}}            the root project
//   "node_modules/axios": {"version": "1.14.1", ...}       hoisted
//   "node_modules/a/node_modules/b": {...}                 nested copy
//   "packages/ui": {"name": "ui", "version": "0.1.0"}      workspace member
//   "node_modules/ui": {"resolved": "packages/ui", "link": true}
//
// lockfileVersion 1 (npm 5 and 6) nests the same tree: `dependencies` maps a
// name to an entry that may hold its own `dependencies`, one level per
// node_modules folder. Both are read into the same list of entries keyed by
// install path, so one pass resolves the edges: a package at
// node_modules/a/node_modules/b that requires d finds the first of
// node_modules/a/node_modules/b/node_modules/d, node_modules/a/node_modules/d,
// node_modules/d, exactly as Node's module resolution does on disk.
//
// v2 files carry both layouts; only `packages` is read. The nested v1 tree is
// walked with an explicit stack (hostile files nest deeply), and simdjson
// On-Demand reads the text once, in order, keeping key positions for
// Locations.
#include "collect/npm/package_lock.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/limits.h"
#include "collect/json_support.h"
#include "collect/npm/platform.h"

namespace chainward::collect::npm {

namespace {

namespace od = simdjson::ondemand;

// Dependency names and specs, as views into the parser's string buffer,
// which lives as long as the document: no copy per dependency.
using DependencyViews = std::vector<std::pair<std::string_view, std::string_view>>;

// One lockfile entry before its edges are resolved.
struct Entry {
  std::string_view path;  // install path: "node_modules/a", "packages/ui"
  const char* key = nullptr;
  model::Package package;
  DependencyViews requires_;  // to resolve
  bool link = false;
};

// The package name at the end of an install path: "node_modules/@s/b" ->
// "@s/b"; a path without node_modules (a workspace folder) -> "".
std::string_view NameFromPath(std::string_view path) {
  std::size_t at = path.rfind("node_modules/");
  if (at == std::string_view::npos) return {};
  return path.substr(at + 13);
}

// The install path one level up: "node_modules/a/node_modules/b" ->
// "node_modules/a"; "node_modules/a" -> ""; "packages/ui" -> "".
std::string_view ParentPath(std::string_view path) {
  std::size_t at = path.rfind("node_modules/");
  if (at == std::string_view::npos || at == 0) return {};
  return path.substr(0, at - 1);  // drop the "/" before node_modules
}

// True for install paths that could escape the project: "..", ".", empty
// segments, absolute paths. npm never writes them.
bool SuspiciousPath(std::string_view path) {
  if (!path.empty() && path[0] == '/') return true;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(start, slash - start);
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos) {
      return true;
    }
    start = slash + 1;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Where a package's bytes come from, judged from `resolved` (and `version`
// for v1 entries, which put git and file specs there).
model::SourceKind KindOf(const model::Package& p, std::string_view version_field) {
  std::string_view r = p.resolved.empty() ? version_field : std::string_view(p.resolved);
  if (StartsWith(r, "git+") || StartsWith(r, "git://") || StartsWith(r, "github:") ||
      StartsWith(r, "gitlab:") || StartsWith(r, "bitbucket:")) {
    return model::SourceKind::kGit;
  }
  if (StartsWith(r, "file:")) return model::SourceKind::kFile;
  if (StartsWith(r, "http://") || StartsWith(r, "https://")) {
    // A registry tarball is <registry>/<name>/-/<unscoped name>-<version>.tgz.
    std::string_view name = p.name;
    std::size_t slash = name.rfind('/');
    std::string_view bare = slash == std::string_view::npos ? name : name.substr(slash + 1);
    std::string tail = "/-/" + std::string(bare) + "-" + p.version + ".tgz";
    bool registry = r.size() > tail.size() && r.substr(r.size() - tail.size()) == tail &&
                    r.find("/" + std::string(name) + "/-/") != std::string_view::npos;
    return registry ? model::SourceKind::kRegistry : model::SourceKind::kTarball;
  }
  return model::SourceKind::kRegistry;
}

simdjson::error_code ReadStrings(od::value value, std::vector<std::string>& out) {
  od::json_type type;
  if (auto err = value.type().get(type)) return err;
  if (type == od::json_type::string) {
    std::string_view s;
    if (auto err = value.get_string().get(s)) return err;
    out.emplace_back(s);
    return simdjson::SUCCESS;
  }
  od::array arr;
  if (auto err = value.get_array().get(arr)) return err;
  for (auto element : arr) {
    std::string_view s;
    if (auto err = element.get_string().get(s)) return err;
    out.emplace_back(s);
  }
  return simdjson::SUCCESS;
}

// Reads a {name: spec} map, appending to `out`.
simdjson::error_code ReadDependencies(od::value value, DependencyViews& out) {
  od::object obj;
  if (auto err = value.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view name;
    if (auto err = field.unescaped_key().get(name)) return err;
    std::string_view spec;
    if (field.value().get_string().get(spec) != simdjson::SUCCESS) spec = {};
    out.emplace_back(name, spec);
  }
  return simdjson::SUCCESS;
}

// The kind a dependency spec asks for, when it is not a registry range:
// "https://host/x.tgz" is a tarball, "git+https://..." or "github:o/r" git.
bool SpecKind(std::string_view spec, model::SourceKind* kind) {
  if (StartsWith(spec, "http://") || StartsWith(spec, "https://")) {
    *kind = model::SourceKind::kTarball;
  } else if (StartsWith(spec, "git") || StartsWith(spec, "github:") ||
             StartsWith(spec, "gitlab:") || StartsWith(spec, "bitbucket:")) {
    *kind = model::SourceKind::kGit;
  } else if (StartsWith(spec, "file:")) {
    *kind = model::SourceKind::kFile;
  } else {
    return false;
  }
  return true;
}

class LockReader {
 public:
  LockReader(std::string_view path, std::string_view content, model::SourceFormat format,
             const Manifest* root_manifest, Diagnostics& diagnostics)
      : text_(path, content),
        format_(format),
        root_manifest_(root_manifest),
        diagnostics_(diagnostics) {}

  Result<model::Source> Read();

 private:
  // Reads one entry's fields (the object `value`); nested v1 `dependencies`
  // are returned through `nested` for the caller's stack.
  simdjson::error_code ReadEntryFields(od::object obj, Entry& entry, bool v1,
                                       std::string_view* version_field, od::object* nested,
                                       bool* has_nested, std::string_view* failed_field);
  // Reads the v2/v3 map. Bad entries are reported and skipped; an error is
  // returned only when the document itself breaks (truncated, unbalanced).
  simdjson::error_code ReadPackagesMap(od::object packages);
  simdjson::error_code ReadV1Tree(od::object dependencies);
  void Resolve(model::Source& source);
  // Sets the kind a dependency spec implies ("https://...tgz", "file:...")
  // on the entry it resolved to.
  void MarkSpecKind(Entry& target, std::string_view spec,
                    const std::unordered_map<std::string_view, std::uint32_t>& by_path);
  void Report(const char* where, std::string message, bool error = true) {
    LineIndex::Position pos = text_.PositionOf(where);
    if (error) {
      diagnostics_.Error(std::string(text_.path()), pos.line, pos.column, std::move(message));
    } else {
      diagnostics_.Warning(std::string(text_.path()), pos.line, pos.column, std::move(message));
    }
  }
  void AddEntry(Entry entry, std::string_view version_field);

  JsonText text_;
  model::SourceFormat format_;
  const Manifest* root_manifest_;
  Diagnostics& diagnostics_;
  std::vector<Entry> entries_;
  Entry root_;
  bool have_root_ = false;
  DependencyViews root_deps_;  // the v2/v3 root entry's maps
  std::deque<std::string> v1_paths_;  // install paths built for v1 entries
  bool limit_reported_ = false;
};

simdjson::error_code LockReader::ReadEntryFields(od::object obj, Entry& entry, bool v1,
                                                 std::string_view* version_field,
                                                 od::object* nested, bool* has_nested,
                                                 std::string_view* failed_field) {
  model::Package& p = entry.package;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    od::value value;
    if (auto err = field.value().get(value)) return err;
    *failed_field = key;
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "version") {
      std::string_view s;
      err = value.get_string().get(s);
      if (!err) *version_field = s;
    } else if (key == "resolved" || key == "integrity" || key == "name") {
      std::string_view s;
      err = value.get_string().get(s);
      if (!err) {
        if (key == "resolved") p.resolved = s;
        else if (key == "integrity") p.integrity = s;
        else p.name = s;
      }
    } else if (key == "dev" || key == "optional" || key == "devOptional" || key == "peer" ||
               key == "inBundle" || key == "bundled" || key == "hasInstallScript" ||
               key == "link") {
      bool b = false;
      err = value.get_bool().get(b);
      if (!err) {
        if (key == "dev") p.flags.dev = b;
        else if (key == "optional") p.flags.optional = b;
        else if (key == "devOptional") p.flags.dev_optional = b;
        else if (key == "peer") p.flags.peer = b;
        else if (key == "inBundle" || key == "bundled") p.flags.bundled = b;
        else if (key == "hasInstallScript") p.flags.has_install_script = b;
        else entry.link = b;
      }
    } else if (key == "os") {
      err = ReadStrings(value, p.os);
    } else if (key == "cpu") {
      err = ReadStrings(value, p.cpu);
    } else if (key == "libc") {
      err = ReadStrings(value, p.libc);
    } else if (!v1 && (key == "dependencies" || key == "optionalDependencies" ||
                       key == "peerDependencies")) {
      err = ReadDependencies(value, entry.requires_);
    } else if (v1 && key == "requires") {
      // v1 `requires` is a map; npm 5's early files wrote `true` here.
      od::json_type type;
      if (value.type().get(type) == simdjson::SUCCESS && type == od::json_type::object) {
        err = ReadDependencies(value, entry.requires_);
      }
    } else if (v1 && key == "dependencies") {
      err = value.get_object().get(*nested);
      if (!err) {
        *has_nested = true;
        return simdjson::SUCCESS;  // the caller iterates it, then the rest
      }
    }
    if (err) return err;
  }
  *failed_field = {};
  return simdjson::SUCCESS;
}

void LockReader::AddEntry(Entry entry, std::string_view version_field) {
  model::Package& p = entry.package;
  std::string_view dir_name = NameFromPath(entry.path);
  bool workspace_folder = dir_name.empty();
  std::string_view version = version_field;
  if (StartsWith(version, "npm:")) {
    // v1 alias: "version": "npm:string-width@4.2.3".
    std::string_view spec = version.substr(4);
    std::size_t at = spec.rfind('@');
    if (at != std::string_view::npos && at > 0) {
      p.name = spec.substr(0, at);
      version = spec.substr(at + 1);
    }
  }
  if (p.name.empty()) p.name = workspace_folder ? entry.path : dir_name;
  if (!workspace_folder && p.name != dir_name) p.alias = dir_name;
  if (entry.link) {
    p.kind = model::SourceKind::kLink;
    // npm records the link target in `resolved`; a version there is not.
  } else if (workspace_folder) {
    p.kind = model::SourceKind::kWorkspace;
    p.version = version;
  } else {
    // v1 puts git and file specs in `version` ("git+https://...#sha").
    bool spec_version = StartsWith(version, "git") || StartsWith(version, "file:") ||
                        StartsWith(version, "http") || StartsWith(version, "github:");
    if (!spec_version) p.version = version;
    p.kind = KindOf(p, spec_version ? version : std::string_view());
    if (spec_version && p.resolved.empty()) p.resolved = version;
  }
  p.install_path = entry.path;
  LineIndex::Position pos = text_.PositionOf(entry.key);
  p.locations.push_back({std::string(text_.path()), pos.line, pos.column});
  if ((p.flags.optional || p.flags.dev_optional) && ExcludesThisHost(p.os, p.cpu, p.libc)) {
    p.flags.platform_skipped = true;
  }
  if (entries_.size() >= limits::kMaxPackagesPerSource) {
    if (!limit_reported_) {
      Report(entry.key, "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                            " packages; the rest are skipped");
      limit_reported_ = true;
    }
    return;
  }
  entries_.push_back(std::move(entry));
}

simdjson::error_code LockReader::ReadPackagesMap(od::object packages) {
  for (auto field : packages) {
    od::raw_json_string raw;
    std::string_view path;
    if (auto err = field.key().get(raw)) return err;
    if (auto err = field.unescaped_key().get(path)) return err;
    const char* where = raw.raw() - 1;  // the opening quote
    od::object obj;
    if (field.value().get_object().get(obj)) {
      Report(where, "entry \"" + std::string(path) + "\" is not an object; skipped");
      continue;
    }
    Entry entry;
    entry.path = path;
    entry.key = where;
    std::string_view version_field;
    std::string_view failed;
    bool unused = false;
    od::object unused_nested;
    if (path.empty()) {
      // The root project: its maps name the direct dependencies.
      for (auto root_field : obj) {
        std::string_view key;
        od::value value;
        if (root_field.unescaped_key().get(key) || root_field.value().get(value)) break;
        if (key == "dependencies" || key == "optionalDependencies" ||
            key == "peerDependencies" || key == "devDependencies") {
          if (ReadDependencies(value, root_deps_) != simdjson::SUCCESS) {
            Report(where, "the root entry's \"" + std::string(key) + "\" is not a map of strings");
          }
        }
      }
      have_root_ = true;
      continue;
    }
    auto err = ReadEntryFields(obj, entry, false, &version_field, &unused_nested, &unused, &failed);
    if (err) {
      Report(where, "entry \"" + std::string(path) + "\": " +
                        (failed.empty() ? std::string("malformed")
                                        : "unexpected type for \"" + std::string(failed) + "\"") +
                        " (" + simdjson::error_message(err) + "); skipped");
      if (err == simdjson::TAPE_ERROR || err == simdjson::INCOMPLETE_ARRAY_OR_OBJECT ||
          err == simdjson::DEPTH_ERROR || err == simdjson::UNCLOSED_STRING) {
        return err;  // the document itself is broken; nothing after this is reliable
      }
      continue;
    }
    if (SuspiciousPath(path)) {
      Report(where, "entry \"" + std::string(path) +
                        "\" has an install path outside the project; skipped");
      continue;
    }
    AddEntry(std::move(entry), version_field);
  }
  return simdjson::SUCCESS;
}

simdjson::error_code LockReader::ReadV1Tree(od::object dependencies) {
  // Each frame iterates one `dependencies` map. Entries are read field by
  // field; a nested `dependencies` suspends the entry, pushes a frame, and
  // the entry is finished (added) when it is reached again.
  struct Frame {
    od::object_iterator it;
    od::object_iterator end;
    std::string prefix;  // install path of the owner + "/node_modules/"
    // The entry whose nested map this frame reads, finished after the frame.
    Entry owner;
    std::string_view owner_version;
    bool has_owner = false;
  };
  std::vector<Frame> stack;
  auto push = [&stack](od::object obj, std::string prefix) -> simdjson::error_code {
    Frame frame;
    if (auto err = obj.begin().get(frame.it)) return err;
    if (auto err = obj.end().get(frame.end)) return err;
    frame.prefix = std::move(prefix);
    stack.push_back(std::move(frame));
    return simdjson::SUCCESS;
  };
  if (auto err = push(dependencies, "node_modules/")) return err;
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.it == top.end) {
      Frame done = std::move(stack.back());
      stack.pop_back();
      if (done.has_owner) AddEntry(std::move(done.owner), done.owner_version);
      if (!stack.empty()) ++stack.back().it;
      continue;
    }
    od::field field;
    if (auto err = (*top.it).get(field)) return err;
    od::raw_json_string raw = field.key();
    std::string_view name;
    if (auto err = field.unescaped_key().get(name)) return err;
    const char* where = raw.raw() - 1;
    Entry entry;
    entry.path = v1_paths_.emplace_back(top.prefix + std::string(name));
    entry.key = where;
    od::object obj;
    if (field.value().get_object().get(obj)) {
      Report(where, "entry \"" + std::string(entry.path) + "\" is not an object; skipped");
      ++top.it;
      continue;
    }
    std::string_view version_field, failed;
    od::object nested;
    bool has_nested = false;
    auto err = ReadEntryFields(obj, entry, true, &version_field, &nested, &has_nested, &failed);
    if (err) {
      Report(where, "entry \"" + std::string(entry.path) + "\": " +
                        (failed.empty() ? std::string("malformed")
                                        : "unexpected type for \"" + std::string(failed) + "\"") +
                        " (" + simdjson::error_message(err) + ")");
      return err;  // mid-entry: the iterator cannot be trusted any more
    }
    if (SuspiciousPath(entry.path)) {
      Report(where, "entry \"" + std::string(entry.path) +
                        "\" has an install path outside the project; skipped");
      has_nested = false;
    }
    if (has_nested) {
      if (stack.size() >= limits::kMaxNestingDepth) return simdjson::DEPTH_ERROR;
      std::string prefix = std::string(entry.path) + "/node_modules/";
      if (auto push_err = push(nested, std::move(prefix))) return push_err;
      Frame& child = stack.back();
      child.owner = std::move(entry);
      child.owner_version = version_field;
      child.has_owner = true;
      // The rest of the entry's fields after `dependencies` are rare (npm
      // writes it last); they are skipped with the entry's object.
      continue;
    }
    AddEntry(std::move(entry), version_field);
    ++top.it;
  }
  return simdjson::SUCCESS;
}

void LockReader::MarkSpecKind(Entry& target, std::string_view spec,
                              const std::unordered_map<std::string_view, std::uint32_t>& by_path) {
  model::SourceKind kind;
  if (!SpecKind(spec, &kind)) return;
  if (target.link) {
    // "file:./lib" installs as a link to the folder: the folder is a file
    // dependency, not a workspace member.
    auto it = by_path.find(target.package.resolved);
    if (it != by_path.end() && kind == model::SourceKind::kFile) {
      entries_[it->second].package.kind = model::SourceKind::kFile;
    }
    return;
  }
  if (target.package.kind == model::SourceKind::kRegistry) target.package.kind = kind;
}

void LockReader::Resolve(model::Source& source) {
  std::unordered_map<std::string_view, std::uint32_t> by_path;
  by_path.reserve(entries_.size());
  for (std::uint32_t i = 0; i < entries_.size(); ++i) by_path.emplace(entries_[i].path, i);

  // Node's lookup: the first node_modules/<name> from `from` upwards.
  auto lookup = [&by_path](std::string_view from, std::string_view name) -> std::int64_t {
    std::string candidate;
    while (true) {
      candidate.assign(from);
      if (!candidate.empty()) candidate += '/';
      candidate += "node_modules/";
      candidate += name;
      auto it = by_path.find(candidate);
      if (it != by_path.end()) return it->second;
      if (from.empty()) return -1;
      from = ParentPath(from);
    }
  };

  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    if (e.link) {
      // A link's dependency is its target folder (a workspace member). npm
      // names the member only through the link when its entry has no "name".
      auto it = by_path.find(e.package.resolved);
      if (it != by_path.end()) {
        e.package.dependencies.push_back(it->second);
        model::Package& target = entries_[it->second].package;
        if (target.name == target.install_path) target.name = e.package.name;
      }
      continue;
    }
    for (const auto& [name, spec] : e.requires_) {
      std::int64_t target = lookup(e.path, name);
      if (target >= 0 && static_cast<std::uint32_t>(target) != i) {
        e.package.dependencies.push_back(static_cast<std::uint32_t>(target));
        MarkSpecKind(entries_[static_cast<std::size_t>(target)], spec, by_path);
      }
    }
  }

  // Direct dependencies: the root's, and each workspace member's.
  DependencyViews root_names;
  if (have_root_) {
    root_names = root_deps_;
  } else if (root_manifest_ != nullptr) {
    for (const DependencyList* list :
         {&root_manifest_->dependencies, &root_manifest_->dev_dependencies,
          &root_manifest_->optional_dependencies, &root_manifest_->peer_dependencies}) {
      for (const auto& [name, spec] : *list) root_names.emplace_back(name, spec);
    }
  } else {
    diagnostics_.Warning(std::string(text_.path()), 0, 0,
                         "no package.json beside this lockfile: top-level packages are "
                         "taken as the direct dependencies");
    for (Entry& e : entries_) {
      if (ParentPath(e.path).empty() && !NameFromPath(e.path).empty()) {
        e.package.flags.direct = true;
      }
    }
  }
  for (const auto& [name, spec] : root_names) {
    std::int64_t target = lookup("", name);
    if (target < 0) continue;
    Entry& direct = entries_[static_cast<std::size_t>(target)];
    direct.package.flags.direct = true;
    MarkSpecKind(direct, spec, by_path);
  }
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].package.kind != model::SourceKind::kWorkspace) continue;
    for (std::uint32_t dep : entries_[i].package.dependencies) {
      entries_[dep].package.flags.direct = true;
    }
  }

  source.packages.reserve(entries_.size());
  for (Entry& e : entries_) source.packages.push_back(std::move(e.package));
}

Result<model::Source> LockReader::Read() {
  od::document doc;
  if (std::optional<Error> error = text_.Iterate(ThreadLocalJsonParser(), doc)) {
    return tl::unexpected(std::move(*error));
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text_.ErrorAt(doc, "expected an object at the top level", err));
  }
  std::int64_t version = -1;
  bool have_packages = false, have_tree = false;
  for (auto field : root) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) {
      return tl::unexpected(text_.ErrorAt(doc, "malformed key", err));
    }
    if (key == "lockfileVersion") {
      if (auto err = field.value().get_int64().get(version)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"lockfileVersion\" is not a number", err));
      }
      if (version < 1 || version > 3) {
        return tl::unexpected(Error{ErrorCode::kUnsupported,
                                    std::string(text_.path()) + ": lockfileVersion " +
                                        std::to_string(version) +
                                        " is not supported (1, 2 and 3 are)"});
      }
    } else if (key == "packages") {
      od::object packages;
      if (auto err = field.value().get_object().get(packages)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"packages\" is not an object", err));
      }
      entries_.clear();
      // Growing the vector entry by entry copies it a dozen times into
      // fresh pages; v3 entries take about 400 bytes of text each.
      entries_.reserve(std::min<std::size_t>(text_.padded().size() / 256,
                                             limits::kMaxPackagesPerSource));
      if (auto err = ReadPackagesMap(packages)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"packages\" map", err));
      }
      have_packages = true;
    } else if (key == "dependencies" && !have_packages && version != 2 && version != 3) {
      od::object tree;
      if (auto err = field.value().get_object().get(tree)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"dependencies\" is not an object", err));
      }
      if (auto err = ReadV1Tree(tree)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"dependencies\" tree", err));
      }
      have_tree = true;
    }
  }
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) {
    return Fail(ErrorCode::kParse, text_.Where(end) + ": trailing content after the lockfile");
  }
  if (version < 0) {
    return Fail(ErrorCode::kParse, std::string(text_.path()) + ": no \"lockfileVersion\"");
  }
  if (version >= 2 && !have_packages) {
    return Fail(ErrorCode::kParse, std::string(text_.path()) + ": lockfileVersion " +
                                       std::to_string(version) + " without \"packages\"");
  }
  if (version == 1 && have_packages && !have_tree) {
    // A v1 header with a v2 body: read what is there, but say so.
    diagnostics_.Warning(std::string(text_.path()), 0, 0,
                         "lockfileVersion 1 with a \"packages\" map; read as version 2");
  }
  model::Source source;
  source.format = format_;
  source.path = std::string(text_.path());
  source.format_version = std::to_string(version);
  Resolve(source);
  return source;
}

}  // namespace

Result<model::Source> ParsePackageLock(std::string_view path, std::string_view content,
                                       model::SourceFormat format, const Manifest* root_manifest,
                                       Diagnostics& diagnostics) {
  if (content.size() > limits::kMaxLockfileBytes) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": lockfile over " +
                                       std::to_string(limits::kMaxLockfileBytes) + " bytes");
  }
  LockReader reader(path, content, format, root_manifest, diagnostics);
  return reader.Read();
}

}  // namespace chainward::collect::npm
