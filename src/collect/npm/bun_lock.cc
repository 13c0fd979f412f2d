// bun.lock, the text lockfile of Bun 1.2 and later.
//
// It is JSON with trailing commas. Two maps matter:
//
//   "workspaces": { "": {"name": "app", "dependencies": {...}, ...},
//                   "packages/ui": {"name": "ui", ...} }
//   "packages": {
//     "react": ["react@18.3.1", "", {"dependencies": {...}}, "sha512-..."],
//     "ui": ["ui@workspace:packages/ui"],
//     "a/ms": ["ms@2.0.0", "", {}, "sha512-..."],   <- ms nested under a
//   }
//
// The array's first element is the resolution ("name@version", or
// "name@workspace:path", "name@file:path", "name@link:path",
// "name@github:owner/repo#sha", "name@git+https://...#sha", "name@https://...
// .tgz"); npm packages then carry the registry URL (empty for the default),
// an info object and the integrity; the other kinds carry the info object
// (and git a tag). Keys are install paths with "/" between package names;
// a dependency of "a" is found at "a/<dep>" first, then up to the top.
//
// Trailing commas are blanked (replaced by spaces, so byte offsets and line
// numbers stay right) before simdjson reads the text.
#include "collect/npm/bun_lock.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/limits.h"
#include "collect/json_support.h"
#include "collect/npm/manifest.h"
#include "collect/npm/platform.h"

namespace chainward::collect::npm {

namespace {

namespace od = simdjson::ondemand;

// Blanks commas that only precede "}" or "]" (after whitespace), outside
// strings. Returns the text to parse.
std::string BlankTrailingCommas(std::string_view text) {
  std::string out(text);
  bool in_string = false;
  std::size_t pending = std::string::npos;  // a comma that may be trailing
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      pending = std::string::npos;
    } else if (c == ',') {
      pending = i;
    } else if (c == '}' || c == ']') {
      if (pending != std::string::npos) out[pending] = ' ';
      pending = std::string::npos;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      pending = std::string::npos;
    }
  }
  return out;
}

// "name@spec" -> name and spec (the '@' after a scope's).
std::pair<std::string_view, std::string_view> SplitId(std::string_view id) {
  std::size_t at = id.find('@', !id.empty() && id[0] == '@' ? 1 : 0);
  if (at == std::string_view::npos) return {id, {}};
  return {id.substr(0, at), id.substr(at + 1)};
}

// The last package name of a key and the key of its parent:
// "a/@s/b" -> {"@s/b", "a"}; "@s/b" -> {"@s/b", ""}; "a" -> {"a", ""}.
std::pair<std::string_view, std::string_view> SplitKey(std::string_view key) {
  std::size_t slash = key.rfind('/');
  if (slash == std::string_view::npos) return {key, {}};
  // Is the segment before the last slash a scope ("@s")?
  std::size_t prev = slash == 0 ? std::string_view::npos : key.rfind('/', slash - 1);
  std::size_t seg = prev == std::string_view::npos ? 0 : prev + 1;
  if (key[seg] == '@') {
    if (seg == 0) return {key, {}};
    return {key.substr(seg), key.substr(0, seg - 1)};
  }
  return {key.substr(slash + 1), key.substr(0, slash)};
}

struct BunEntry {
  std::string key;
  model::Package package;
  DependencyList dependencies;
  std::vector<std::string> optional_names;
};

simdjson::error_code ReadMap(od::value v, DependencyList& out) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return err;
  for (auto f : obj) {
    std::string_view k, s;
    if (auto err = f.unescaped_key().get(k)) return err;
    if (f.value().get_string().get(s) != simdjson::SUCCESS) s = {};
    out.emplace_back(std::string(k), std::string(s));
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadStrings(od::value v, std::vector<std::string>& out) {
  od::json_type type;
  if (auto err = v.type().get(type)) return err;
  if (type == od::json_type::string) {
    std::string_view s;
    if (auto err = v.get_string().get(s)) return err;
    out.emplace_back(s);
    return simdjson::SUCCESS;
  }
  od::array arr;
  if (auto err = v.get_array().get(arr)) return err;
  for (auto e : arr) {
    std::string_view s;
    if (e.get_string().get(s) == simdjson::SUCCESS) out.emplace_back(s);
  }
  return simdjson::SUCCESS;
}

// Reads an info object: dependency maps, os, cpu.
simdjson::error_code ReadInfo(od::object info, BunEntry& e) {
  for (auto f : info) {
    std::string_view k;
    if (auto err = f.unescaped_key().get(k)) return err;
    od::value v;
    if (auto err = f.value().get(v)) return err;
    simdjson::error_code err = simdjson::SUCCESS;
    if (k == "dependencies" || k == "peerDependencies") {
      err = ReadMap(v, e.dependencies);
    } else if (k == "optionalDependencies") {
      DependencyList optional;
      err = ReadMap(v, optional);
      for (auto& [name, spec] : optional) {
        e.optional_names.push_back(name);
        e.dependencies.emplace_back(std::move(name), std::move(spec));
      }
    } else if (k == "os") {
      err = ReadStrings(v, e.package.os);
    } else if (k == "cpu") {
      err = ReadStrings(v, e.package.cpu);
    }
    if (err) return err;
  }
  return simdjson::SUCCESS;
}

struct Workspace {
  std::string path;
  std::string name;
  DependencyList prod;
  DependencyList dev;
  DependencyList optional;
};

class BunReader {
 public:
  BunReader(std::string_view path, std::string_view content, Diagnostics& diagnostics)
      : blanked_(BlankTrailingCommas(content)), text_(path, blanked_), diagnostics_(diagnostics) {}

  Result<model::Source> Read();

 private:
  simdjson::error_code ReadWorkspaces(od::object workspaces);
  simdjson::error_code ReadPackages(od::object packages);
  void Resolve(model::Source& source);
  void Report(const char* where, std::string message) {
    LineIndex::Position pos = text_.PositionOf(where);
    diagnostics_.Error(std::string(text_.path()), pos.line, pos.column, std::move(message));
  }

  std::string blanked_;
  JsonText text_;
  Diagnostics& diagnostics_;
  std::vector<Workspace> workspaces_;
  std::vector<BunEntry> entries_;
};

simdjson::error_code BunReader::ReadWorkspaces(od::object workspaces) {
  for (auto f : workspaces) {
    std::string_view path;
    if (auto err = f.unescaped_key().get(path)) return err;
    od::object obj;
    if (auto err = f.value().get_object().get(obj)) return err;
    Workspace w;
    w.path = path;
    for (auto g : obj) {
      std::string_view k;
      if (auto err = g.unescaped_key().get(k)) return err;
      od::value v;
      if (auto err = g.value().get(v)) return err;
      if (k == "name") {
        std::string_view s;
        if (v.get_string().get(s) == simdjson::SUCCESS) w.name = s;
      } else if (k == "dependencies" || k == "peerDependencies") {
        if (auto err = ReadMap(v, w.prod)) return err;
      } else if (k == "devDependencies") {
        if (auto err = ReadMap(v, w.dev)) return err;
      } else if (k == "optionalDependencies") {
        if (auto err = ReadMap(v, w.optional)) return err;
      }
    }
    workspaces_.push_back(std::move(w));
  }
  return simdjson::SUCCESS;
}

simdjson::error_code BunReader::ReadPackages(od::object packages) {
  for (auto f : packages) {
    od::raw_json_string raw;
    std::string_view key;
    if (auto err = f.key().get(raw)) return err;
    if (auto err = f.unescaped_key().get(key)) return err;
    const char* where = raw.raw() - 1;
    od::array arr;
    if (f.value().get_array().get(arr)) {
      Report(where, "entry \"" + std::string(key) + "\" is not an array; skipped");
      continue;
    }
    BunEntry e;
    e.key = key;
    model::Package& p = e.package;
    std::size_t index = 0;
    std::string_view id;
    bool npm = false;
    bool bad = false;
    for (auto element : arr) {
      od::json_type type;
      if (auto err = element.type().get(type)) return err;
      if (index == 0) {
        if (type != od::json_type::string || element.get_string().get(id)) {
          Report(where, "entry \"" + std::string(key) + "\" has no resolution; skipped");
          bad = true;
          break;
        }
        auto [name, spec] = SplitId(id);
        p.name = name;
        bool protocol = spec.find(':') != std::string_view::npos;
        npm = !protocol;
        if (npm) {
          p.version = spec;
        } else {
          p.resolved = spec;
          if (spec.rfind("workspace:", 0) == 0) {
            p.kind = model::SourceKind::kWorkspace;
            p.install_path = std::string(spec.substr(10));
          } else if (spec.rfind("file:", 0) == 0) {
            p.kind = model::SourceKind::kFile;
          } else if (spec.rfind("link:", 0) == 0) {
            p.kind = model::SourceKind::kLink;
          } else if (spec.rfind("github:", 0) == 0 || spec.rfind("git+", 0) == 0 ||
                     spec.rfind("git:", 0) == 0 || spec.find(".git#") != std::string_view::npos) {
            p.kind = model::SourceKind::kGit;
          } else if (spec.rfind("http", 0) == 0) {
            p.kind = model::SourceKind::kTarball;
          } else if (spec.rfind("root:", 0) == 0) {
            bad = true;  // the project itself
            break;
          }
        }
      } else if (type == od::json_type::object) {
        od::object info;
        if (auto err = element.get_object().get(info)) return err;
        if (auto err = ReadInfo(info, e)) return err;
      } else if (type == od::json_type::string) {
        std::string_view s;
        if (auto err = element.get_string().get(s)) return err;
        if (npm && index == 1 && !s.empty()) p.resolved = s;
        if (npm && index == 3) p.integrity = s;
      }
      ++index;
    }
    if (bad) continue;
    auto [dir_name, parent] = SplitKey(key);
    (void)parent;
    if (p.kind != model::SourceKind::kWorkspace && dir_name != p.name) p.alias = dir_name;
    p.install_path = p.kind == model::SourceKind::kWorkspace ? p.install_path : std::string(key);
    LineIndex::Position pos = text_.PositionOf(where);
    p.locations.push_back({std::string(text_.path()), pos.line, pos.column});
    if (entries_.size() >= limits::kMaxPackagesPerSource) return simdjson::CAPACITY;
    entries_.push_back(std::move(e));
  }
  return simdjson::SUCCESS;
}

void BunReader::Resolve(model::Source& source) {
  std::unordered_map<std::string, std::uint32_t> by_key;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) by_key.emplace(entries_[i].key, i);
  auto lookup = [&by_key](std::string_view from, std::string_view name) -> std::int64_t {
    while (true) {
      std::string candidate = from.empty() ? std::string(name)
                                           : std::string(from) + "/" + std::string(name);
      auto it = by_key.find(candidate);
      if (it != by_key.end()) return it->second;
      if (from.empty()) return -1;
      from = SplitKey(from).second;
    }
  };
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    for (const auto& [name, spec] : entries_[i].dependencies) {
      std::int64_t t = lookup(entries_[i].key, name);
      if (t >= 0 && static_cast<std::uint32_t>(t) != i) {
        entries_[i].package.dependencies.push_back(static_cast<std::uint32_t>(t));
      }
    }
  }
  std::vector<std::uint32_t> prod, dev;
  for (const Workspace& w : workspaces_) {
    // A member's own key is its name; its dependencies resolve from there.
    std::string from = w.path.empty() ? std::string() : w.name;
    for (const DependencyList* list : {&w.prod, &w.optional}) {
      for (const auto& [name, spec] : *list) {
        std::int64_t t = lookup(from, name);
        if (t >= 0) prod.push_back(static_cast<std::uint32_t>(t));
      }
    }
    for (const auto& [name, spec] : w.dev) {
      std::int64_t t = lookup(from, name);
      if (t >= 0) (w.path.empty() ? dev : prod).push_back(static_cast<std::uint32_t>(t));
    }
    for (const auto& [name, spec] : w.optional) {
      std::int64_t t = lookup(from, name);
      if (t >= 0) entries_[static_cast<std::size_t>(t)].package.flags.optional = true;
    }
  }
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].package.kind == model::SourceKind::kWorkspace) prod.push_back(i);
  }
  for (std::uint32_t i : prod) {
    if (entries_[i].package.kind != model::SourceKind::kWorkspace) {
      entries_[i].package.flags.direct = true;
    }
  }
  for (std::uint32_t i : dev) entries_[i].package.flags.direct = true;
  auto reach = [this](const std::vector<std::uint32_t>& from) {
    std::vector<bool> seen(entries_.size(), false);
    std::vector<std::uint32_t> stack(from);
    while (!stack.empty()) {
      std::uint32_t at = stack.back();
      stack.pop_back();
      if (seen[at]) continue;
      seen[at] = true;
      for (std::uint32_t next : entries_[at].package.dependencies) stack.push_back(next);
    }
    return seen;
  };
  std::vector<bool> from_prod = reach(prod), from_dev = reach(dev);
  for (BunEntry& e : entries_) {
    for (const std::string& name : e.optional_names) {
      std::int64_t t = lookup(e.key, name);
      if (t >= 0) entries_[static_cast<std::size_t>(t)].package.flags.optional = true;
    }
  }
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    model::Package& p = entries_[i].package;
    if (!from_prod[i] && from_dev[i]) p.flags.dev = true;
    if (p.flags.optional && ExcludesThisHost(p.os, p.cpu, p.libc)) p.flags.platform_skipped = true;
    source.packages.push_back(std::move(p));
  }
}

Result<model::Source> BunReader::Read() {
  od::parser& parser = ThreadLocalJsonParser();
  od::document doc;
  if (auto err = parser.iterate(text_.padded()).get(doc)) {
    return Fail(ErrorCode::kParse, std::string(text_.path()) + ": not JSON (" +
                                       simdjson::error_message(err) + ")");
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text_.ErrorAt(doc, "expected an object at the top level", err));
  }
  std::int64_t version = -1;
  for (auto f : root) {
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) {
      return tl::unexpected(text_.ErrorAt(doc, "malformed key", err));
    }
    if (key == "lockfileVersion") {
      if (auto err = f.value().get_int64().get(version)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"lockfileVersion\" is not a number", err));
      }
      if (version < 0 || version > 1) {
        return Fail(ErrorCode::kUnsupported, std::string(text_.path()) + ": lockfileVersion " +
                                                 std::to_string(version) +
                                                 " is not supported (0 and 1 are)");
      }
    } else if (key == "workspaces") {
      od::object w;
      if (auto err = f.value().get_object().get(w)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"workspaces\" is not an object", err));
      }
      if (auto err = ReadWorkspaces(w)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"workspaces\"", err));
      }
    } else if (key == "packages") {
      od::object p;
      if (auto err = f.value().get_object().get(p)) {
        return tl::unexpected(text_.ErrorAt(doc, "\"packages\" is not an object", err));
      }
      if (auto err = ReadPackages(p)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"packages\"", err));
      }
    }
  }
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) {
    return Fail(ErrorCode::kParse, text_.Where(end) + ": trailing content after the lockfile");
  }
  if (version < 0) {
    return Fail(ErrorCode::kParse, std::string(text_.path()) + ": no \"lockfileVersion\"");
  }
  model::Source source;
  source.format = model::SourceFormat::kBunLock;
  source.path = std::string(text_.path());
  source.format_version = std::to_string(version);
  Resolve(source);
  return source;
}

}  // namespace

Result<model::Source> ParseBunLock(std::string_view path, std::string_view content,
                                   Diagnostics& diagnostics) {
  if (content.size() > limits::kMaxLockfileBytes) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": lockfile over " +
                                       std::to_string(limits::kMaxLockfileBytes) + " bytes");
  }
  BunReader reader(path, content, diagnostics);
  return reader.Read();
}

}  // namespace chainward::collect::npm
