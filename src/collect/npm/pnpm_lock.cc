// pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x.
//
// The three formats share one shape: `importers` (or, for a single project
// in 5.x/6.x, the top-level dependencies maps) name each project's direct
// dependencies as name -> reference, and a map of package entries keyed by
// a "dependency path" holds resolutions and the entries' own dependencies.
// They differ in how a reference becomes a key:
//
//   5.x  react-dom: 18.3.1_react@18.3.1  ->  /react-dom/18.3.1_react@18.3.1
//   6.x  react-dom: 18.3.1(react@18.3.1) ->  /react-dom@18.3.1(react@18.3.1)
//   9.x  react-dom: 18.3.1(react@18.3.1) ->  react-dom@18.3.1(react@18.3.1)
//
// and an alias or non-registry reference is already a key
// (string-width-cjs: /string-width/4.2.3, or string-width@4.2.3 in 9.x).
// So each reference is looked up first as written, then in the form of the
// file's version. 9.x splits each entry in two: `packages` (keyed without
// the peer suffix: resolution, os/cpu) and `snapshots` (keyed with it:
// dependencies, the optional flag); one Package is made per snapshot, so two
// peer variants of one version are two Packages, as they are two directories
// on disk. The lockfile key is kept in Package::install_path.
//
// 9.x dropped the per-entry `dev` flag; it is computed here instead: a
// package is dev when it is reachable from some importer's devDependencies
// and from no importer's dependencies or optionalDependencies.
//
// Workspace members (importers other than ".") become kWorkspace packages.
// The lockfile does not record their names; a member is named by the first
// "link:" reference that points at its directory ("@mono/b: link:../b"), and
// otherwise keeps its path as its name. "link:" references to directories
// that are not importers become kLink packages.
//
// A multi-document file is read document by document; each document with
// `importers` or `packages` contributes its packages. A document whose
// importers only list packageManagerDependencies / configDependencies (the
// package manager's own environment) contributes packages marked dev, since
// they are tooling and never part of what the project ships.
#include "collect/npm/pnpm_lock.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/limits.h"
#include "base/text.h"
#include "collect/lockfile_yaml.h"
#include "collect/npm/pnpm_key.h"

namespace chainward::collect::npm {

namespace {

using yaml::NodeId;
using yaml::Tree;
constexpr std::uint32_t kNone = ~std::uint32_t{0};

// An os/cpu/libc field: a flow sequence ([darwin]) or, leniently, a scalar.
std::vector<std::string> ReadList(const Tree& tree, NodeId node) {
  std::vector<std::string> out;
  if (tree.kind(node) == yaml::Kind::kScalar) {
    out.emplace_back(tree.Text(node));
  }
  for (NodeId item : tree.Items(node)) out.emplace_back(tree.Text(item));
  return out;
}

// Reads one document (a lock or an environment lock) into a Source.
class DocumentReader {
 public:
  DocumentReader(std::string_view path, const Tree& tree, NodeId root,
                 int major, bool environment, model::Source& source,
                 Diagnostics& diagnostics)
      : path_(path), tree_(tree), root_(root), major_(major),
        environment_(environment), source_(source), diagnostics_(diagnostics) {}

  void Read();

 private:
  struct Importer {
    std::string id;  // "." or "packages/a"
    NodeId node;     // holds dependencies / devDependencies / ...
    NodeId key;      // where the importer is named
    std::uint32_t package = kNone;  // kWorkspace package; kNone for "."
  };

  std::uint32_t AddPackage(NodeId key, NodeId entry, NodeId meta,
                           NodeId meta_key);
  std::uint32_t Resolve(std::string_view name, std::string_view ref) const;
  std::uint32_t ResolveLink(const Importer& importer, std::string_view name,
                            std::string_view ref, NodeId at);
  void AddEdges(std::uint32_t from, NodeId deps);
  void ReadImporter(Importer& importer);
  void ComputeDevAndPlatform();
  model::Location LocationOf(NodeId node) const {
    return model::Location{std::string(path_), tree_.line(node),
                           tree_.column(node)};
  }

  std::string_view path_;
  const Tree& tree_;
  NodeId root_;
  int major_;
  bool environment_;
  model::Source& source_;
  Diagnostics& diagnostics_;
  std::size_t first_ = 0;  // this document's first package in source_
  std::unordered_map<std::string_view, std::uint32_t> by_key_;
  std::unordered_map<std::string, std::uint32_t> by_path_;  // link: targets
  std::vector<std::pair<std::uint32_t, NodeId>> edge_maps_;
  std::vector<std::uint32_t> prod_roots_, dev_roots_;
  std::vector<bool> has_dev_field_;
  mutable std::string key_buffer_;
};

std::uint32_t DocumentReader::AddPackage(NodeId key, NodeId entry, NodeId meta,
                                         NodeId meta_key) {
  std::string_view key_text = tree_.Text(key);
  if (tree_.kind(meta) != yaml::Kind::kMap &&
      tree_.kind(entry) != yaml::Kind::kMap) {
    diagnostics_.Error(std::string(path_), tree_.line(key), tree_.column(key),
                       "package entry \"" + std::string(key_text) +
                           "\" is not a mapping");
    return kNone;
  }
  if (source_.packages.size() >= limits::kMaxPackagesPerSource) {
    diagnostics_.Error(std::string(path_), tree_.line(key), tree_.column(key),
                       "too many packages");
    return kNone;
  }
  PnpmKey parsed = ParsePnpmKey(key_text, major_);
  model::Package p;
  p.name = tree_.FindText(meta, "name");
  if (p.name.empty()) p.name = parsed.name;
  p.version = tree_.FindText(meta, "version");
  // A key's "version" is only a version for registry packages; for others
  // it is a path or URL ("local-lib@file:local-lib").
  if (p.version.empty() && parsed.registry) p.version = parsed.version;
  if (p.name.empty()) {
    diagnostics_.Error(std::string(path_), tree_.line(key), tree_.column(key),
                       "no package name in \"" + std::string(key_text) + "\"");
    return kNone;
  }
  p.install_path = key_text;
  NodeId resolution = tree_.Find(meta, "resolution");
  p.integrity = tree_.FindText(resolution, "integrity");
  std::string_view tarball = tree_.FindText(resolution, "tarball");
  std::string_view directory = tree_.FindText(resolution, "directory");
  std::string_view repo = tree_.FindText(resolution, "repo");
  if (!directory.empty()) {
    p.kind = model::SourceKind::kFile;
    p.resolved = directory;
  } else if (tree_.FindText(resolution, "type") == "git" || !repo.empty()) {
    p.kind = model::SourceKind::kGit;
    p.resolved = std::string(repo) + "#" +
                 std::string(tree_.FindText(resolution, "commit"));
  } else if (!tarball.empty()) {
    p.resolved = tarball;
    if (tarball.find("://codeload.github.com/") != std::string_view::npos) {
      p.kind = model::SourceKind::kGit;
    } else if (!parsed.registry) {
      p.kind = model::SourceKind::kTarball;
    }
  } else if (!parsed.registry && StartsWith(key_text, "file:")) {
    p.kind = model::SourceKind::kFile;
    p.resolved = key_text.substr(5);
  }
  p.os = ReadList(tree_, tree_.Find(meta, "os"));
  p.cpu = ReadList(tree_, tree_.Find(meta, "cpu"));
  p.libc = ReadList(tree_, tree_.Find(meta, "libc"));
  std::string_view dev = tree_.FindText(meta, "dev");
  p.flags.dev = dev == "true" || environment_;
  p.flags.optional = tree_.FindText(entry, "optional") == "true" ||
                     tree_.FindText(meta, "optional") == "true";
  p.flags.has_install_script = tree_.FindText(meta, "requiresBuild") == "true";
  // 9.x: the `packages` entry (resolution) first, then the snapshot.
  if (meta_key != yaml::kNoNode && meta_key != key) {
    p.locations.push_back(LocationOf(meta_key));
  }
  p.locations.push_back(LocationOf(key));
  auto index = static_cast<std::uint32_t>(source_.packages.size());
  source_.packages.push_back(std::move(p));
  has_dev_field_.push_back(!dev.empty() && !environment_);
  by_key_.emplace(key_text, index);
  edge_maps_.emplace_back(index, tree_.Find(entry, "dependencies"));
  edge_maps_.emplace_back(index, tree_.Find(entry, "optionalDependencies"));
  return index;
}

std::uint32_t DocumentReader::Resolve(std::string_view name,
                                      std::string_view ref) const {
  auto it = by_key_.find(ref);
  if (it != by_key_.end()) return it->second;
  std::string& key = key_buffer_;  // reused: this runs once per edge
  key.clear();
  if (major_ < 9) key += '/';
  key += name;
  key += major_ < 6 ? '/' : '@';
  key += ref;
  it = by_key_.find(std::string_view(key));
  return it == by_key_.end() ? kNone : it->second;
}

// A "link:" reference: a workspace member when the path names an importer,
// otherwise a linked directory (made once per path).
std::uint32_t DocumentReader::ResolveLink(const Importer& importer,
                                          std::string_view name,
                                          std::string_view ref, NodeId at) {
  std::string target = JoinPnpmPath(importer.id, ref.substr(5));
  auto it = by_path_.find(target);
  if (it != by_path_.end()) {
    model::Package& p = source_.packages[it->second];
    if (p.kind == model::SourceKind::kWorkspace && p.name == p.install_path) {
      p.name = name;  // the importer's name, learnt from a reference to it
    }
    return it->second;
  }
  model::Package p;
  p.name = name;
  p.kind = model::SourceKind::kLink;
  p.resolved = target;
  p.install_path = target;
  p.flags.dev = environment_;
  p.locations.push_back(LocationOf(at));
  auto index = static_cast<std::uint32_t>(source_.packages.size());
  source_.packages.push_back(std::move(p));
  has_dev_field_.push_back(false);
  by_path_.emplace(std::move(target), index);
  return index;
}

void DocumentReader::AddEdges(std::uint32_t from, NodeId deps) {
  for (auto [name_node, ref_node] : tree_.Entries(deps)) {
    std::string_view name = tree_.Text(name_node);
    std::string_view ref = tree_.Text(ref_node);
    if (StartsWith(ref, "link:")) continue;  // a link between packages: no entry
    std::uint32_t to = Resolve(name, ref);
    if (to == kNone) {
      diagnostics_.Warning(std::string(path_), tree_.line(ref_node),
                           tree_.column(ref_node),
                           "no package entry for " + std::string(name) + "@" +
                               std::string(ref));
      continue;
    }
    model::Package& target = source_.packages[to];
    if (target.name != name && target.alias.empty()) target.alias = name;
    source_.packages[from].dependencies.push_back(to);
  }
}

void DocumentReader::ReadImporter(Importer& importer) {
  static constexpr std::string_view kFields[] = {
      "dependencies", "optionalDependencies", "devDependencies",
      "packageManagerDependencies", "configDependencies"};
  for (std::string_view field : kFields) {
    bool dev = field == "devDependencies";
    for (auto [name_node, value] : tree_.Entries(tree_.Find(importer.node, field))) {
      std::string_view name = tree_.Text(name_node);
      // 5.x: name -> reference; 6.x and 9.x: name -> {specifier, version}.
      NodeId ref_node = tree_.kind(value) == yaml::Kind::kMap
                            ? tree_.Find(value, "version")
                            : value;
      std::string_view ref = tree_.Text(ref_node);
      std::uint32_t to = StartsWith(ref, "link:")
                             ? ResolveLink(importer, name, ref, ref_node)
                             : Resolve(name, ref);
      // configDependencies name "version+integrity", not package entries.
      if (to == kNone && field == "configDependencies") continue;
      if (to == kNone) {
        diagnostics_.Warning(std::string(path_), tree_.line(ref_node),
                             tree_.column(ref_node),
                             "no package entry for " + std::string(name) + "@" +
                                 std::string(ref));
        continue;
      }
      model::Package& target = source_.packages[to];
      target.flags.direct = true;
      if (target.name != name && target.alias.empty() &&
          target.kind != model::SourceKind::kWorkspace) {
        target.alias = name;
      }
      (dev ? dev_roots_ : prod_roots_).push_back(to);
      if (importer.package != kNone) {
        source_.packages[importer.package].dependencies.push_back(to);
      }
    }
  }
}

// Marks dev packages of 9.x (and entries of older files without a dev
// field) by reachability, and platform-skipped optional packages.
void DocumentReader::ComputeDevAndPlatform() {
  std::size_t n = source_.packages.size();
  std::vector<std::uint8_t> reach(n, 0);  // bit 1: from prod, bit 2: from dev
  std::vector<std::uint32_t> stack;
  for (std::uint8_t bit : {std::uint8_t{1}, std::uint8_t{2}}) {
    stack = bit == 1 ? prod_roots_ : dev_roots_;
    while (!stack.empty()) {
      std::uint32_t i = stack.back();
      stack.pop_back();
      if (reach[i] & bit) continue;
      reach[i] |= bit;
      // A workspace member's own dependencies are roots already; walking
      // its edges would make its devDependencies look like production ones.
      if (source_.packages[i].kind == model::SourceKind::kWorkspace) continue;
      for (std::uint32_t d : source_.packages[i].dependencies) {
        if (!(reach[d] & bit)) stack.push_back(d);
      }
    }
  }
  for (std::size_t i = first_; i < n; ++i) {
    model::Package& p = source_.packages[i];
    if (!environment_ && !has_dev_field_[i - first_] &&
        p.kind != model::SourceKind::kWorkspace) {
      p.flags.dev = reach[i] == 2;
    }
    if (p.flags.optional && ExcludesThisHost(p.os, p.cpu, p.libc)) {
      p.flags.platform_skipped = true;
    }
  }
}

void DocumentReader::Read() {
  first_ = source_.packages.size();
  if (major_ >= 9) {
    // Package metadata by key; one Package per snapshot.
    std::unordered_map<std::string_view, NodeId> meta_by_key, meta_key_node;
    NodeId packages = tree_.Find(root_, "packages");
    for (auto [key, value] : tree_.Entries(packages)) {
      meta_by_key.emplace(tree_.Text(key), value);
      meta_key_node.emplace(tree_.Text(key), key);
    }
    std::unordered_map<std::string_view, bool> used;
    for (auto [key, snapshot] : tree_.Entries(tree_.Find(root_, "snapshots"))) {
      std::string_view base = StripPnpmPeers(tree_.Text(key));
      auto it = meta_by_key.find(base);
      NodeId meta = it == meta_by_key.end() ? yaml::kNoNode : it->second;
      NodeId meta_key =
          it == meta_by_key.end() ? yaml::kNoNode : meta_key_node[base];
      if (meta == yaml::kNoNode) {
        diagnostics_.Warning(std::string(path_), tree_.line(key),
                             tree_.column(key),
                             "snapshot \"" + std::string(tree_.Text(key)) +
                                 "\" has no entry in packages");
      }
      used[base] = true;
      AddPackage(key, snapshot, meta == yaml::kNoNode ? snapshot : meta,
                 meta_key);
    }
    for (auto [key, value] : tree_.Entries(packages)) {
      if (!used.count(tree_.Text(key))) AddPackage(key, value, value, key);
    }
  } else {
    for (auto [key, value] : tree_.Entries(tree_.Find(root_, "packages"))) {
      AddPackage(key, value, value, key);
    }
  }

  std::vector<Importer> importers;
  NodeId importer_map = tree_.Find(root_, "importers");
  if (tree_.kind(importer_map) == yaml::Kind::kMap) {
    for (auto [key, value] : tree_.Entries(importer_map)) {
      importers.push_back(Importer{std::string(tree_.Text(key)), value, key});
    }
  } else {
    importers.push_back(Importer{".", root_, root_});  // a single project
  }
  // Workspace members first, so that links between them resolve.
  for (Importer& importer : importers) {
    if (importer.id == "." || importer.id.empty()) continue;
    model::Package p;
    p.name = importer.id;  // replaced by the name a link to it uses
    p.kind = model::SourceKind::kWorkspace;
    p.install_path = importer.id;
    p.resolved = importer.id;
    p.flags.dev = environment_;
    p.locations.push_back(LocationOf(importer.key));
    importer.package = static_cast<std::uint32_t>(source_.packages.size());
    source_.packages.push_back(std::move(p));
    has_dev_field_.push_back(false);
    by_path_.emplace(importer.id, importer.package);
  }
  for (auto [from, deps] : edge_maps_) AddEdges(from, deps);
  for (Importer& importer : importers) ReadImporter(importer);
  ComputeDevAndPlatform();
}

// True for the document pnpm writes for its own environment: importers that
// list only packageManagerDependencies / configDependencies.
bool IsEnvironmentDocument(const Tree& tree, NodeId root) {
  bool tooling = false;
  for (auto [key, importer] : tree.Entries(tree.Find(root, "importers"))) {
    (void)key;
    for (auto [field, value] : tree.Entries(importer)) {
      (void)value;
      std::string_view f = tree.Text(field);
      if (f != "packageManagerDependencies" && f != "configDependencies") {
        return false;
      }
      tooling = true;
    }
  }
  return tooling;
}

}  // namespace

Result<model::Source> ParsePnpmLock(std::string_view path,
                                    std::string_view content,
                                    Diagnostics& diagnostics) {
  auto tree = yaml::Parse(path, content);
  if (!tree) return tl::unexpected(std::move(tree.error()));
  model::Source source;
  source.format = model::SourceFormat::kPnpmLock;
  source.path = path;
  bool found = false;
  for (NodeId root : tree->documents()) {
    if (tree->kind(root) != yaml::Kind::kMap) {
      return Fail(ErrorCode::kParse,
                  std::string(path) + ":" + std::to_string(tree->line(root)) +
                      ":" + std::to_string(tree->column(root)) +
                      ": expected a mapping at the top of the document");
    }
    NodeId version_node = tree->Find(root, "lockfileVersion");
    std::string_view version = tree->Text(version_node);
    if (tree->Find(root, "importers") == yaml::kNoNode &&
        tree->Find(root, "packages") == yaml::kNoNode && version.empty()) {
      continue;  // not a lock document
    }
    if (version.empty()) {
      return Fail(ErrorCode::kParse,
                  std::string(path) + ":" + std::to_string(tree->line(root)) +
                      ":" + std::to_string(tree->column(root)) +
                      ": no lockfileVersion");
    }
    int major = 0;
    for (char c : version) {
      if (c < '0' || c > '9' || major > 1000) break;
      major = major * 10 + (c - '0');
    }
    if (major != 5 && major != 6 && major != 9) {
      return Fail(ErrorCode::kUnsupported,
                  std::string(path) + ":" +
                      std::to_string(tree->line(version_node)) + ":" +
                      std::to_string(tree->column(version_node)) +
                      ": unsupported lockfileVersion '" + std::string(version) +
                      "' (5.x, 6.x and 9.x are read)");
    }
    bool environment = IsEnvironmentDocument(*tree, root);
    if (!environment || source.format_version.empty()) {
      source.format_version = version;
    }
    DocumentReader(path, *tree, root, major, environment, source, diagnostics)
        .Read();
    found = true;
  }
  if (!found) {
    return Fail(ErrorCode::kParse,
                std::string(path) + ": not a pnpm lockfile (no lockfileVersion)");
  }
  return source;
}

}  // namespace chainward::collect::npm
