// pyproject.toml's declared dependencies, from every table the Python tools
// read them from:
//
//   [project] dependencies, optional-dependencies      PEP 621 (PEP 508 strings)
//   [dependency-groups]                               PEP 735, with {include-group}
//   [tool.poetry.dependencies], dev-dependencies,     Poetry ("^1.0", or tables
//     [tool.poetry.group.<g>.dependencies]              with git / path / url ...)
//   [tool.pdm.dev-dependencies]                       PDM (PEP 508 strings, "-e ...")
//   [tool.uv] dev-dependencies, [tool.uv.sources]     uv
//
// Each literal declaration becomes one Package; PyProject::declarations
// also lists, under each dependency group, the requirements it includes from
// other groups. Includes are expanded without recursion: a walk with an
// explicit stack over the include graph finds cycles (reported, and the
// include dropped), then each group's closure is gathered with a visited set.
#include "collect/pypi/pyproject.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/lock_support.h"
#include "collect/pypi/pep508.h"
#include "collect/toml_support.h"

namespace chainward::collect::pypi {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The exact version a Poetry constraint pins: "1.2.3", "v0.931" and
// "==1.2.3" pin; "^1.2", "~1.2", "1.2.*", ">=1" and "*" do not.
std::string PoetryPinnedVersion(std::string_view constraint) {
  constraint = Trim(constraint);
  std::string pinned = PinnedVersion(constraint);
  if (!pinned.empty()) return pinned;
  std::string_view bare = constraint;
  if (!bare.empty() && (bare[0] == 'v' || bare[0] == 'V')) bare.remove_prefix(1);
  if (bare.empty() || !IsDigit(bare[0])) return {};
  for (char c : bare) {
    if (c == '*' || c == ',' || c == ' ' || c == '|' || c == '<' || c == '>' || c == '=' ||
        c == '^' || c == '~' || c == '!') {
      return {};
    }
  }
  return std::string(bare);
}

class Reader {
 public:
  Reader(const TomlDocument& doc, Diagnostics& diagnostics) : r_(doc, diagnostics) {}

  PyProject Read();

 private:
  // Adds one Package and its Declaration; returns the Package's index.
  std::uint32_t Add(model::Package package, DependencyRole role, const std::string& group,
                    std::vector<std::string> extras);
  // One PEP 508 string at `node`.
  void AddRequirement(const toml::node& node, DependencyRole role, const std::string& group,
                      std::vector<std::uint32_t>* added);
  // Every PEP 508 string of the array at `key` of `table`.
  void AddRequirements(const toml::table& table, std::string_view key, DependencyRole role,
                       const std::string& group);
  void ApplyUvSource(model::Package& package, const std::string& normalized);
  void ReadDependencyGroups(const toml::table& groups);
  void ReadPoetry(const toml::table& poetry);
  void ReadPoetryTable(const toml::table& dependencies, DependencyRole role,
                       const std::string& group);
  void AddPoetryDependency(const std::string& name, const toml::node& value, DependencyRole role,
                           const std::string& group);
  void SortByPosition();
  void AddGroupName(std::vector<std::string>& list, std::string_view name) {
    std::string n = NormalizeName(name);
    if (std::find(list.begin(), list.end(), n) == list.end()) list.push_back(std::move(n));
  }

  TomlReader r_;
  PyProject out_;
  std::unordered_map<std::string, const toml::table*> uv_sources_;
  std::unordered_map<std::string, std::string> indexes_;  // uv index / Poetry source name -> URL
  bool limit_reported_ = false;
};

std::uint32_t Reader::Add(model::Package package, DependencyRole role, const std::string& group,
                          std::vector<std::string> extras) {
  if (out_.source.packages.size() >= limits::kMaxPackagesPerSource) {
    if (!limit_reported_) {
      r_.Error(r_.document().root(), "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                                         " declarations; the rest are skipped");
      limit_reported_ = true;
    }
    return static_cast<std::uint32_t>(out_.source.packages.size());
  }
  package.ecosystem = model::Ecosystem::kPyPI;
  package.flags.direct = true;
  if (role == DependencyRole::kDev) package.flags.dev = true;
  if (role == DependencyRole::kOptional) package.flags.optional = true;
  Declaration d;
  d.name = NormalizeName(package.name);
  d.extras = std::move(extras);
  d.role = role;
  d.group = group;
  d.package = static_cast<std::uint32_t>(out_.source.packages.size());
  out_.declarations.push_back(std::move(d));
  out_.source.packages.push_back(std::move(package));
  return out_.declarations.back().package;
}

void Reader::ApplyUvSource(model::Package& p, const std::string& normalized) {
  auto it = uv_sources_.find(normalized);
  if (it == uv_sources_.end()) return;
  const toml::table& s = *it->second;
  if (const std::string* git = r_.String(s, "git")) {
    p.kind = model::SourceKind::kGit;
    p.resolved = "git+" + RedactUserinfo(*git);
    for (const char* ref : {"rev", "tag", "branch"}) {
      if (const std::string* v = r_.String(s, ref)) {
        p.resolved += "@" + *v;
        break;
      }
    }
  } else if (const std::string* url = r_.String(s, "url")) {
    p.kind = model::SourceKind::kTarball;
    p.resolved = RedactUserinfo(*url);
  } else if (const std::string* path = r_.String(s, "path")) {
    p.kind = model::SourceKind::kFile;
    p.resolved = *path;
    p.flags.editable = r_.Bool(s, "editable", false);
  } else if (r_.Bool(s, "workspace", false)) {
    p.kind = model::SourceKind::kWorkspace;
  } else if (const std::string* index = r_.String(s, "index")) {
    auto found = indexes_.find(*index);
    p.index = found != indexes_.end() ? RedactUserinfo(found->second) : *index;
  }
}

void Reader::AddRequirement(const toml::node& node, DependencyRole role, const std::string& group,
                            std::vector<std::uint32_t>* added) {
  const std::string* text = r_.Text(node);
  if (text == nullptr) {
    r_.Error(node, "expected a PEP 508 string, found " + std::string(TomlTypeName(node)));
    return;
  }
  std::string_view spec = Trim(*text);
  bool editable = false;
  if (StartsWith(spec, "-e ")) {  // PDM's editable requirement
    editable = true;
    spec = Trim(spec.substr(3));
  }
  auto req = ParseRequirement(spec);
  if (!req) {
    r_.Error(node,
             "\"" + std::string(spec) + "\" is not a PEP 508 requirement: " + req.error().message);
    return;
  }
  model::Package p;
  p.name = req->name;
  p.version = PinnedVersion(req->specifier);
  if (p.version.empty()) p.specifier = req->specifier;
  p.markers = req->marker;
  p.extras = req->extras;
  p.flags.editable = editable;
  if (!req->url.empty()) {
    p.resolved = RedactUserinfo(req->url);
    if (StartsWith(req->url, "git+"))
      p.kind = model::SourceKind::kGit;
    else if (StartsWith(req->url, "file:"))
      p.kind = model::SourceKind::kFile;
    else
      p.kind = model::SourceKind::kTarball;
  }
  std::string normalized = NormalizeName(p.name);
  ApplyUvSource(p, normalized);
  p.locations.push_back(r_.LocationOf(node));
  std::vector<std::string> extras;
  for (const std::string& e : req->extras) extras.push_back(NormalizeName(e));
  std::uint32_t index = Add(std::move(p), role, group, std::move(extras));
  if (added != nullptr) added->push_back(index);
}

void Reader::AddRequirements(const toml::table& table, std::string_view key, DependencyRole role,
                             const std::string& group) {
  const toml::array* array = r_.Array(table, key);
  if (array == nullptr) return;
  for (const toml::node& item : *array) AddRequirement(item, role, group, nullptr);
}

void Reader::ReadDependencyGroups(const toml::table& groups) {
  // Each group's literal requirements (Package indices) and includes.
  struct Group {
    std::string name;  // as written
    std::vector<std::uint32_t> literals;
    std::vector<std::pair<std::string, const toml::node*>> includes;  // normalized target
  };
  std::vector<Group> all;
  std::unordered_map<std::string, std::size_t> by_name;
  for (const auto& [key, value] : groups) {
    std::string name(key.str());
    std::string normalized = NormalizeName(name);
    if (by_name.count(normalized) != 0) {
      r_.Error(value, "dependency group \"" + name + "\" repeats a group name");
      continue;
    }
    AddGroupName(out_.dev_groups, name);
    Group g;
    g.name = name;
    const toml::array* items = value.as_array();
    if (items == nullptr) {
      r_.Error(value, "expected an array for dependency group \"" + name + "\", found " +
                          std::string(TomlTypeName(value)));
      continue;
    }
    for (const toml::node& item : *items) {
      if (const toml::table* t = item.as_table()) {
        const std::string* include = r_.String(*t, "include-group");
        if (include == nullptr || t->size() != 1) {
          r_.Error(item, "expected {include-group = \"...\"} in dependency group \"" + name + "\"");
          continue;
        }
        g.includes.emplace_back(NormalizeName(*include), &item);
        continue;
      }
      AddRequirement(item, DependencyRole::kDev, name, &g.literals);
    }
    by_name.emplace(normalized, all.size());
    all.push_back(std::move(g));
  }
  // Drop includes of unknown groups and includes that close a cycle: an
  // iterative depth-first walk, a group is "open" while on the stack.
  enum class Color : std::uint8_t { kNew, kOpen, kDone };
  std::vector<Color> color(all.size(), Color::kNew);
  for (std::size_t start = 0; start < all.size(); ++start) {
    if (color[start] != Color::kNew) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};  // group, next include
    color[start] = Color::kOpen;
    while (!stack.empty()) {
      auto& [g, next] = stack.back();
      if (next >= all[g].includes.size()) {
        color[g] = Color::kDone;
        stack.pop_back();
        continue;
      }
      auto& [target, node] = all[g].includes[next++];
      auto it = by_name.find(target);
      if (it == by_name.end()) {
        r_.Error(*node, "include-group \"" + target + "\" names no dependency group");
        node = nullptr;
      } else if (color[it->second] == Color::kOpen) {
        r_.Error(*node, "include-group \"" + target + "\" in \"" + all[g].name +
                            "\" makes a cycle; the include is skipped");
        node = nullptr;
      } else if (color[it->second] == Color::kNew) {
        color[it->second] = Color::kOpen;
        stack.emplace_back(it->second, 0);
      }
    }
  }
  // Each group also declares what it includes, transitively.
  for (const Group& g : all) {
    std::vector<bool> visited(all.size(), false);
    std::vector<std::size_t> queue;
    for (const auto& [target, node] : g.includes) {
      if (node != nullptr) queue.push_back(by_name[target]);
    }
    while (!queue.empty()) {
      std::size_t other = queue.back();
      queue.pop_back();
      if (visited[other]) continue;
      visited[other] = true;
      for (std::uint32_t literal : all[other].literals) {
        if (out_.declarations.size() >= limits::kMaxPackagesPerSource) return;
        Declaration d = out_.declarations[literal];
        d.group = g.name;
        out_.declarations.push_back(std::move(d));
      }
      for (const auto& [target, node] : all[other].includes) {
        if (node != nullptr) queue.push_back(by_name[target]);
      }
    }
  }
}

void Reader::AddPoetryDependency(const std::string& name, const toml::node& value,
                                 DependencyRole role, const std::string& group) {
  if (NormalizeName(name) == "python") return;
  model::Package p;
  p.name = name;
  p.locations.push_back(r_.LocationOf(value));
  std::vector<std::string> extras;
  DependencyRole own_role = role;
  if (const std::string* constraint = r_.Text(value)) {
    p.version = PoetryPinnedVersion(*constraint);
    if (p.version.empty()) p.specifier = *constraint;
  } else if (const toml::table* t = value.as_table()) {
    if (const std::string* v = r_.String(*t, "version")) {
      p.version = PoetryPinnedVersion(*v);
      if (p.version.empty()) p.specifier = *v;
    }
    if (const std::string* m = r_.String(*t, "markers")) p.markers = *m;
    r_.String(*t, "python");  // checked for its type; not a PEP 508 marker
    p.extras = r_.Strings(*t, "extras");
    for (const std::string& e : p.extras) extras.push_back(NormalizeName(e));
    if (r_.Bool(*t, "optional", false)) {
      p.flags.optional = true;
      if (role == DependencyRole::kMain) own_role = DependencyRole::kOptional;
    }
    p.flags.editable = r_.Bool(*t, "develop", false);
    if (const std::string* git = r_.String(*t, "git")) {
      p.kind = model::SourceKind::kGit;
      p.resolved = "git+" + RedactUserinfo(*git);
      for (const char* ref : {"rev", "tag", "branch"}) {
        if (const std::string* v = r_.String(*t, ref)) {
          p.resolved += "@" + *v;
          break;
        }
      }
    } else if (const std::string* path = r_.String(*t, "path")) {
      p.kind = model::SourceKind::kFile;
      p.resolved = *path;
    } else if (const std::string* url = r_.String(*t, "url")) {
      p.kind = model::SourceKind::kTarball;
      p.resolved = RedactUserinfo(*url);
    }
    if (const std::string* source = r_.String(*t, "source")) {
      auto found = indexes_.find(*source);
      p.index = found != indexes_.end() ? RedactUserinfo(found->second) : *source;
    }
  } else if (const toml::array* alternatives = value.as_array()) {
    // Several constraints, each for its own markers or Python versions. Only
    // tables are passed on, so this calls itself one level deep at most.
    for (const toml::node& alternative : *alternatives) {
      if (alternative.is_table()) {
        AddPoetryDependency(name, alternative, role, group);
      } else {
        r_.Error(alternative, "expected a table in the constraints of \"" + name + "\", found " +
                                  std::string(TomlTypeName(alternative)));
      }
    }
    return;
  } else {
    r_.Error(value, "expected a string or a table for \"" + name + "\", found " +
                        std::string(TomlTypeName(value)));
    return;
  }
  Add(std::move(p), own_role, group, std::move(extras));
}

void Reader::ReadPoetryTable(const toml::table& dependencies, DependencyRole role,
                             const std::string& group) {
  for (const auto& [key, value] : dependencies) {
    AddPoetryDependency(std::string(key.str()), value, role, group);
  }
}

void Reader::ReadPoetry(const toml::table& poetry) {
  if (out_.name.empty()) {
    if (const std::string* name = r_.String(poetry, "name")) out_.name = *name;
  }
  if (const toml::array* sources = r_.Array(poetry, "source")) {
    for (const toml::node& s : *sources) {
      const toml::table* t = s.as_table();
      if (t == nullptr) continue;
      const std::string* name = r_.String(*t, "name");
      const std::string* url = r_.String(*t, "url");
      if (name != nullptr && url != nullptr) indexes_[*name] = *url;
    }
  }
  if (const toml::table* extras = r_.Table(poetry, "extras")) {
    for (const auto& entry : *extras) AddGroupName(out_.extras, entry.first.str());
  }
  if (const toml::table* main = r_.Table(poetry, "dependencies")) {
    ReadPoetryTable(*main, DependencyRole::kMain, "");
  }
  if (const toml::table* dev = r_.Table(poetry, "dev-dependencies")) {
    AddGroupName(out_.dev_groups, "dev");
    ReadPoetryTable(*dev, DependencyRole::kDev, "dev");
  }
  if (const toml::table* groups = r_.Table(poetry, "group")) {
    for (const auto& [key, value] : *groups) {
      std::string name(key.str());
      const toml::table* g = value.as_table();
      if (g == nullptr) {
        r_.Error(value, "expected a table for Poetry group \"" + name + "\", found " +
                            std::string(TomlTypeName(value)));
        continue;
      }
      const toml::table* deps = r_.Table(*g, "dependencies");
      if (deps == nullptr) continue;
      bool main = NormalizeName(name) == "main";
      if (!main) AddGroupName(out_.dev_groups, name);
      ReadPoetryTable(*deps, main ? DependencyRole::kMain : DependencyRole::kDev, main ? "" : name);
    }
  }
}

PyProject Reader::Read() {
  const toml::table& root = r_.document().root();
  out_.source.format = model::SourceFormat::kPyproject;
  out_.source.path = r_.path();
  const toml::table* project = r_.Table(root, "project");
  const toml::table* tool = r_.Table(root, "tool");
  const toml::table* uv = tool != nullptr ? r_.Table(*tool, "uv") : nullptr;
  if (uv != nullptr) {
    if (const toml::table* sources = r_.Table(*uv, "sources")) {
      for (const auto& [key, value] : *sources) {
        if (const toml::table* t = value.as_table()) {
          uv_sources_[NormalizeName(key.str())] = t;
        } else {
          r_.Error(value, "expected a table for the uv source of \"" + std::string(key.str()) +
                              "\", found " + std::string(TomlTypeName(value)));
        }
      }
    }
    if (const toml::array* indexes = r_.Array(*uv, "index")) {
      for (const toml::node& node : *indexes) {
        const toml::table* t = node.as_table();
        if (t == nullptr) continue;
        const std::string* name = r_.String(*t, "name");
        const std::string* url = r_.String(*t, "url");
        if (name != nullptr && url != nullptr) indexes_[*name] = *url;
      }
    }
  }
  if (project != nullptr) {
    if (const std::string* name = r_.String(*project, "name")) out_.name = *name;
    AddRequirements(*project, "dependencies", DependencyRole::kMain, "");
    if (const toml::table* optional = r_.Table(*project, "optional-dependencies")) {
      for (const auto& [extra, list] : *optional) {
        std::string name(extra.str());
        AddGroupName(out_.extras, name);
        if (list.as_array() == nullptr) {
          r_.Error(list, "expected an array for extra \"" + name + "\", found " +
                             std::string(TomlTypeName(list)));
          continue;
        }
        for (const toml::node& item : *list.as_array()) {
          AddRequirement(item, DependencyRole::kOptional, name, nullptr);
        }
      }
    }
  }
  if (const toml::table* groups = r_.Table(root, "dependency-groups"))
    ReadDependencyGroups(*groups);
  if (tool != nullptr) {
    if (const toml::table* poetry = r_.Table(*tool, "poetry")) ReadPoetry(*poetry);
    if (const toml::table* pdm = r_.Table(*tool, "pdm")) {
      if (const toml::table* dev = r_.Table(*pdm, "dev-dependencies")) {
        for (const auto& [group, list] : *dev) {
          std::string name(group.str());
          AddGroupName(out_.dev_groups, name);
          AddRequirements(*dev, group.str(), DependencyRole::kDev, name);
        }
      }
    }
  }
  if (uv != nullptr && uv->get("dev-dependencies") != nullptr) {
    AddGroupName(out_.dev_groups, "dev");
    AddRequirements(*uv, "dev-dependencies", DependencyRole::kDev, "dev");
  }
  SortByPosition();
  return std::move(out_);
}

void Reader::SortByPosition() {
  // toml++ iterates tables in key order; declarations are reported in the
  // order of the file.
  std::vector<model::Package>& packages = out_.source.packages;
  std::vector<std::uint32_t> order(packages.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto position = [&packages](std::uint32_t i) {
    const model::Location& at = packages[i].locations.front();
    return std::pair(at.line, at.column);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return position(a) < position(b); });
  std::vector<std::uint32_t> new_index(order.size());
  std::vector<model::Package> sorted;
  sorted.reserve(packages.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    sorted.push_back(std::move(packages[order[i]]));
  }
  packages = std::move(sorted);
  for (Declaration& d : out_.declarations) {
    if (d.package < new_index.size()) d.package = new_index[d.package];
  }
  std::stable_sort(
      out_.declarations.begin(), out_.declarations.end(),
      [](const Declaration& a, const Declaration& b) { return a.package < b.package; });
}

}  // namespace

DependencyRole PyProject::RoleOfGroup(std::string_view group) const {
  std::string g = NormalizeName(group);
  if (g == "main" || g == "default") return DependencyRole::kMain;
  if (std::find(extras.begin(), extras.end(), g) != extras.end()) return DependencyRole::kOptional;
  return DependencyRole::kDev;
}

Result<PyProject> ParsePyProject(std::string_view path, std::string_view content,
                                 Diagnostics& diagnostics) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  return Reader(*doc, diagnostics).Read();
}

std::vector<RootEdge> DirectEdges(const PyProject& project, const NameIndex& names) {
  std::vector<RootEdge> roots;
  for (const Declaration& d : project.declarations) {
    for (std::uint32_t target : names.Find(d.name)) {
      roots.push_back(RootEdge{LockEdge{target, d.extras}, d.role});
    }
  }
  return roots;
}

bool IsPyprojectName(std::string_view file_name) { return file_name == "pyproject.toml"; }

}  // namespace chainward::collect::pypi
