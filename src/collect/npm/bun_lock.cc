// bun.lock reader.
//
// Bun 1.2+ writes its lockfile as JSON with trailing commas. simdjson reads
// strict JSON only, so the text is first copied with every comma that is
// followed (after whitespace) by `}` or `]` outside a string turned into a
// space: offsets do not move, and "path:line:col" stays true to the file.
//
// The document has three parts:
//
//   "lockfileVersion": 1,
//   "workspaces": { "": {"name": "app", "dependencies": {"a": "^1"}},
//                   "packages/x": {"name": "x", ...} },
//   "packages": {
//     "a":       ["a@1.0.0", "", {"dependencies": {"b": "^2"}}, "sha512-..."],
//     "b":       ["b@2.0.0", "", {}, "sha512-..."],
//     "a/b":     ["b@1.0.0", "", {}, "sha512-..."],   // a's own copy of b
//     "x":       ["x@workspace:packages/x"],
//     "cjs":     ["string-width@4.2.3", "", {...}, "sha512-..."],  // npm alias
//   }
//
// A package's array is ["name@spec", registry?, info?, integrity-or-tag?]:
// registry packages carry all four, tarballs [spec, info, integrity], git
// [spec, info, tag], file:/link: [spec, info], workspaces [spec]. The reader
// takes the first string as the spec, the object as info, and the strings
// around it by kind.
//
// A key is a path of package names: "a/b" is the copy of b that a sees.
// Dependency `d` of key "p/q" resolves to "p/q/d", then "p/d", then "d" —
// Node's upward node_modules lookup. Dev and optional flags then follow
// from reachability over those edges, from the workspaces' own maps.
#include "collect/npm/bun_lock.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/limits.h"
#include "base/text.h"
#include "collect/json_support.h"
#include "collect/npm/platform.h"

namespace chainward::collect::npm {

namespace {

namespace od = simdjson::ondemand;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

enum class EdgeType : std::uint8_t { kProd, kOptional, kPeer, kOptionalPeer, kDev };

bool IsOptionalEdge(EdgeType t) {
  return t == EdgeType::kOptional || t == EdgeType::kOptionalPeer;
}

struct DepRef {
  std::string name;
  EdgeType type;
};

// One entry of "workspaces".
struct Workspace {
  std::string path;  // "" for the root project
  std::string name;
  std::string version;
  std::vector<DepRef> deps;
};

// One entry of "packages" before edges are resolved.
struct Entry {
  std::string key;
  const char* where = nullptr;
  std::string spec;  // after "name@"
  model::Package package;
  std::vector<DepRef> deps;
};

// The text simdjson reads, and what one pass over it learnt.
struct Prepared {
  static constexpr std::size_t kNone = std::string::npos;
  std::string text;              // `content` with trailing commas blanked
  std::size_t root_end = kNone;  // offset just past the top-level value's close
};

// Copies `content`, blanking trailing commas outside strings, and finds where
// the top-level value closes: simdjson reports unclosed or trailing text only
// as "ended early".
Prepared Prepare(std::string_view content) {
  Prepared out;
  out.text.assign(content);
  std::string& t = out.text;
  bool in_string = false;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth > 0 && --depth == 0 && out.root_end == Prepared::kNone) out.root_end = i + 1;
    } else if (c == ',') {
      std::size_t j = i + 1;
      while (j < t.size() && IsJsonSpace(t[j])) ++j;
      if (j < t.size() && (t[j] == '}' || t[j] == ']')) t[i] = ' ';
      i = j - 1;  // the whitespace holds no comma; resume at the next token
    }
  }
  return out;
}

// Checks what Prepare learnt: an unclosed top level, trailing text.
std::optional<Error> CheckShape(const Prepared& prepared, const JsonText& text) {
  const std::string& t = prepared.text;
  const char* base = text.padded().data();
  std::size_t first = 0;
  while (first < t.size() && IsJsonSpace(t[first])) ++first;
  if (first == t.size() || (t[first] != '{' && t[first] != '[')) return std::nullopt;
  if (prepared.root_end == Prepared::kNone) {
    return Error{ErrorCode::kParse, text.Where(base + t.size()) +
                                        ": unexpected end of text (the top level is not closed)"};
  }
  std::size_t rest = prepared.root_end;
  while (rest < t.size() && IsJsonSpace(t[rest])) ++rest;
  if (rest < t.size()) {
    return Error{ErrorCode::kParse,
                 text.Where(base + rest) + ": trailing content after the top-level object"};
  }
  return std::nullopt;
}

// Errors that leave the document readable: the entry is skipped.
bool IsEntryError(simdjson::error_code err) {
  return err == simdjson::INCORRECT_TYPE || err == simdjson::NUMBER_ERROR ||
         err == simdjson::NUMBER_OUT_OF_RANGE;
}

// Reads {"name": "spec", ...}; non-string specs are skipped.
simdjson::error_code ReadDeps(od::value value, EdgeType type, std::vector<DepRef>& out) {
  od::object obj;
  if (auto err = value.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view name;
    if (auto err = field.unescaped_key().get(name)) return err;
    od::value v;
    if (auto err = field.value().get(v)) return err;
    std::string_view spec;
    if (v.get_string().get(spec) == simdjson::SUCCESS) out.push_back({std::string(name), type});
  }
  return simdjson::SUCCESS;
}

// Reads a string or an array of strings ("os": "linux" / ["darwin", "linux"]).
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
    od::value v;
    if (auto err = element.get(v)) return err;
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) out.emplace_back(s);
  }
  return simdjson::SUCCESS;
}

// Reads a workspace or package "info" object. `failed` names the field whose
// type was wrong.
simdjson::error_code ReadInfo(od::object obj, Workspace* ws, Entry* entry,
                              std::string& failed) {
  std::vector<DepRef>& deps = ws != nullptr ? ws->deps : entry->deps;
  std::vector<std::string> optional_peers;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    od::value value;
    if (auto err = field.value().get(value)) return err;
    failed = key;
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "dependencies") {
      err = ReadDeps(value, EdgeType::kProd, deps);
    } else if (key == "optionalDependencies") {
      err = ReadDeps(value, EdgeType::kOptional, deps);
    } else if (key == "peerDependencies") {
      err = ReadDeps(value, EdgeType::kPeer, deps);
    } else if (key == "devDependencies" && ws != nullptr) {
      err = ReadDeps(value, EdgeType::kDev, deps);
    } else if (key == "optionalPeers") {
      err = ReadStrings(value, optional_peers);
    } else if (ws != nullptr && (key == "name" || key == "version")) {
      std::string_view s;
      err = value.get_string().get(s);
      if (!err) (key == "name" ? ws->name : ws->version) = s;
    } else if (entry != nullptr && (key == "os" || key == "cpu" || key == "libc")) {
      model::Package& p = entry->package;
      err = ReadStrings(value, key == "os" ? p.os : (key == "cpu" ? p.cpu : p.libc));
    }
    if (err) return err;
  }
  failed.clear();
  for (DepRef& dep : deps) {
    if (dep.type != EdgeType::kPeer) continue;
    for (const std::string& name : optional_peers) {
      if (dep.name == name) dep.type = EdgeType::kOptionalPeer;
    }
  }
  return simdjson::SUCCESS;
}

model::SourceKind KindOfSpec(std::string_view spec) {
  if (StartsWith(spec, "workspace:")) return model::SourceKind::kWorkspace;
  if (StartsWith(spec, "file:")) return model::SourceKind::kFile;
  if (StartsWith(spec, "link:")) return model::SourceKind::kLink;
  if (StartsWith(spec, "github:") || StartsWith(spec, "gitlab:") ||
      StartsWith(spec, "bitbucket:") || StartsWith(spec, "git+") ||
      StartsWith(spec, "git:") || StartsWith(spec, "git@")) {
    return model::SourceKind::kGit;
  }
  if (StartsWith(spec, "http://") || StartsWith(spec, "https://")) {
    return model::SourceKind::kTarball;
  }
  return model::SourceKind::kRegistry;
}

// Where each package name of a key ends: "a/@s/b" -> {1, 6}.
std::vector<std::size_t> SegmentEnds(std::string_view key) {
  std::vector<std::size_t> ends;
  std::size_t i = 0;
  while (i < key.size()) {
    std::size_t slash = key.find('/', i);
    if (key[i] == '@' && slash != std::string_view::npos) slash = key.find('/', slash + 1);
    std::size_t end = slash == std::string_view::npos ? key.size() : slash;
    ends.push_back(end);
    i = end + 1;
  }
  return ends;
}

class Reader {
 public:
  Reader(const JsonText& text, Diagnostics& diagnostics)
      : text_(text), diagnostics_(diagnostics) {}

  void Report(const char* where, std::string message) {
    LineIndex::Position pos = text_.PositionOf(where);
    diagnostics_.Error(std::string(text_.path()), pos.line, pos.column, std::move(message));
  }

  // Reads "workspaces"; a structural error is returned, bad members reported.
  simdjson::error_code ReadWorkspaces(od::object obj) {
    for (auto field : obj) {
      od::raw_json_string raw;
      if (auto err = field.key().get(raw)) return err;
      std::string_view path;
      if (auto err = field.unescaped_key().get(path)) return err;
      const char* where = raw.raw() - 1;
      Workspace ws;
      ws.path = path;
      od::value value;
      if (auto err = field.value().get(value)) return err;
      od::object info;
      std::string failed;
      simdjson::error_code err = value.get_object().get(info);
      if (!err) err = ReadInfo(info, &ws, nullptr, failed);
      if (err) {
        if (!IsEntryError(err)) return err;
        Report(where, "workspace \"" + ws.path + "\": " +
                          (failed.empty() ? "not an object"
                                          : "unexpected type for \"" + failed + "\"") +
                          "; skipped");
        continue;
      }
      workspaces_.push_back(std::move(ws));
    }
    return simdjson::SUCCESS;
  }

  // Reads "packages"; a structural error is returned, bad entries reported.
  simdjson::error_code ReadPackages(od::object obj) {
    for (auto field : obj) {
      od::raw_json_string raw;
      if (auto err = field.key().get(raw)) return err;
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return err;
      Entry entry;
      entry.key = key;
      entry.where = raw.raw() - 1;
      od::value value;
      if (auto err = field.value().get(value)) return err;
      std::string problem;
      if (auto err = ReadEntry(value, entry, problem)) {
        if (!IsEntryError(err)) return err;
        if (problem.empty()) problem = "unexpected type";
      }
      if (!problem.empty()) {
        Report(entry.where, "package \"" + entry.key + "\": " + problem + "; skipped");
        continue;
      }
      if (index_.count(entry.key) != 0) {
        Report(entry.where, "package \"" + entry.key + "\" appears twice; the first is kept");
        continue;
      }
      if (entries_.size() >= limits::kMaxPackagesPerSource) {
        Report(entry.where, "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                                " packages; the rest are skipped");
        return simdjson::SUCCESS;
      }
      index_.emplace(entry.key, static_cast<std::uint32_t>(entries_.size()));
      entries_.push_back(std::move(entry));
    }
    return simdjson::SUCCESS;
  }

  std::vector<model::Package> Build();

 private:
  simdjson::error_code ReadEntry(od::value value, Entry& entry, std::string& problem);
  std::uint32_t Resolve(std::string_view from_key, std::string_view dep) const;

  static constexpr std::uint32_t kNone = UINT32_MAX;

  const JsonText& text_;
  Diagnostics& diagnostics_;
  std::vector<Workspace> workspaces_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

simdjson::error_code Reader::ReadEntry(od::value value, Entry& entry, std::string& problem) {
  od::array arr;
  if (auto err = value.get_array().get(arr)) {
    if (IsEntryError(err)) problem = "not an array";
    return err;
  }
  std::string_view resolution;
  std::vector<std::string> before_info, after_info;
  bool has_info = false;
  std::size_t i = 0;
  for (auto element : arr) {
    od::value v;
    if (auto err = element.get(v)) return err;
    od::json_type type;
    if (auto err = v.type().get(type)) return err;
    if (i++ == 0) {
      if (type != od::json_type::string) {
        problem = "the first element is not a \"name@version\" string";
        return simdjson::SUCCESS;
      }
      if (auto err = v.get_string().get(resolution)) return err;
      entry.spec = resolution;  // copied: the next string reuses the buffer
      continue;
    }
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto err = v.get_string().get(s)) return err;
      (has_info ? after_info : before_info).emplace_back(s);
    } else if (type == od::json_type::object && !has_info) {
      has_info = true;
      od::object info;
      if (auto err = v.get_object().get(info)) return err;
      std::string failed;
      if (auto err = ReadInfo(info, nullptr, &entry, failed)) {
        if (IsEntryError(err)) problem = "unexpected type for \"" + failed + "\"";
        return err;
      }
    } else {
      problem = "unexpected element " + std::to_string(i);
      return simdjson::SUCCESS;
    }
  }
  if (i == 0) {
    problem = "empty array";
    return simdjson::SUCCESS;
  }
  // "name@spec": a scoped name's own '@' is at index 0.
  std::string spec = std::move(entry.spec);
  std::size_t at = spec.find('@', 1);
  if (at == std::string::npos || at + 1 == spec.size()) {
    problem = "\"" + spec + "\" is not \"name@version\"";
    return simdjson::SUCCESS;
  }
  model::Package& p = entry.package;
  p.name = spec.substr(0, at);
  entry.spec = spec.substr(at + 1);
  p.kind = KindOfSpec(entry.spec);
  switch (p.kind) {
    case model::SourceKind::kRegistry:
      p.version = entry.spec;
      if (!before_info.empty()) p.resolved = before_info.front();
      if (!after_info.empty()) p.integrity = after_info.front();
      break;
    case model::SourceKind::kTarball:
      p.resolved = entry.spec;
      if (!after_info.empty()) p.integrity = after_info.front();
      break;
    default:  // git (the trailing string is Bun's own tag), file, link, workspace
      p.resolved = entry.spec;
      break;
  }
  std::vector<std::size_t> ends = SegmentEnds(entry.key);
  std::size_t start = ends.size() >= 2 ? ends[ends.size() - 2] + 1 : 0;
  std::string_view last = std::string_view(entry.key).substr(start);
  if (last != p.name && p.kind != model::SourceKind::kWorkspace) p.alias = last;
  p.install_path = entry.key;
  LineIndex::Position pos = text_.PositionOf(entry.where);
  p.locations.push_back({std::string(text_.path()), pos.line, pos.column});
  return simdjson::SUCCESS;
}

// The entry `dep` means when required from key `from_key` ("" for a root).
std::uint32_t Reader::Resolve(std::string_view from_key, std::string_view dep) const {
  std::vector<std::size_t> ends = SegmentEnds(from_key);
  std::string candidate;
  for (std::size_t n = ends.size(); n > 0; --n) {
    candidate.assign(from_key.substr(0, ends[n - 1]));
    candidate += '/';
    candidate += dep;
    auto it = index_.find(candidate);
    if (it != index_.end()) return it->second;
  }
  auto it = index_.find(std::string(dep));
  return it == index_.end() ? kNone : it->second;
}

std::vector<model::Package> Reader::Build() {
  struct Edge {
    std::uint32_t to;
    EdgeType type;
  };
  const std::size_t n = entries_.size();
  std::vector<std::vector<Edge>> edges(n);
  std::vector<Edge> root_edges;
  std::vector<std::uint32_t> members;

  // A workspace member's dependencies live in "workspaces", under its path.
  std::unordered_map<std::string, const Workspace*> by_path;
  for (const Workspace& ws : workspaces_) by_path.emplace(ws.path, &ws);
  for (std::uint32_t i = 0; i < n; ++i) {
    Entry& e = entries_[i];
    if (e.package.kind != model::SourceKind::kWorkspace) continue;
    members.push_back(i);
    e.package.flags.direct = true;
    std::string_view path = std::string_view(e.spec).substr(sizeof("workspace:") - 1);
    auto it = by_path.find(std::string(path));
    if (it == by_path.end()) continue;
    e.package.version = it->second->version;
    e.deps = it->second->deps;
  }
  auto root = by_path.find("");
  if (root != by_path.end()) {
    for (const DepRef& dep : root->second->deps) {
      std::uint32_t to = Resolve("", dep.name);
      if (to == kNone) continue;
      root_edges.push_back({to, dep.type});
      entries_[to].package.flags.direct = true;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    Entry& e = entries_[i];
    for (const DepRef& dep : e.deps) {
      std::uint32_t to = Resolve(e.key, dep.name);
      if (to == kNone) {
        if (dep.type == EdgeType::kProd) {
          // Nothing was skipped, but Bun would have failed here: say so.
          LineIndex::Position pos = text_.PositionOf(e.where);
          diagnostics_.Warning(std::string(text_.path()), pos.line, pos.column,
                               "package \"" + e.key + "\": dependency \"" + dep.name +
                                   "\" has no entry");
        }
        continue;
      }
      if (e.package.kind == model::SourceKind::kWorkspace) {
        entries_[to].package.flags.direct = true;
      }
      edges[i].push_back({to, dep.type});
      std::vector<std::uint32_t>& out = e.package.dependencies;
      bool seen = false;
      for (std::uint32_t d : out) seen = seen || d == to;
      if (!seen) out.push_back(to);
    }
  }

  // Reachability from the roots, following only edges `follow` admits.
  auto reach = [&](auto follow) {
    std::vector<bool> seen(n, false);
    std::deque<std::uint32_t> queue;
    auto push = [&](std::uint32_t i) {
      if (!seen[i]) {
        seen[i] = true;
        queue.push_back(i);
      }
    };
    for (const Edge& e : root_edges) {
      if (follow(e.type)) push(e.to);
    }
    for (std::uint32_t m : members) push(m);
    while (!queue.empty()) {
      std::uint32_t i = queue.front();
      queue.pop_front();
      for (const Edge& e : edges[i]) {
        if (follow(e.type)) push(e.to);
      }
    }
    return seen;
  };
  std::vector<bool> non_dev = reach([](EdgeType t) { return t != EdgeType::kDev; });
  std::vector<bool> non_optional = reach([](EdgeType t) { return !IsOptionalEdge(t); });
  std::vector<bool> prod = reach(
      [](EdgeType t) { return t != EdgeType::kDev && !IsOptionalEdge(t); });

  std::vector<model::Package> packages;
  packages.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    model::Package& p = entries_[i].package;
    p.flags.dev = !non_dev[i];
    p.flags.optional = !non_optional[i];
    p.flags.dev_optional = !p.flags.dev && !p.flags.optional && !prod[i];
    if ((p.flags.optional || p.flags.dev_optional) && ExcludesThisHost(p.os, p.cpu, p.libc)) {
      p.flags.platform_skipped = true;
    }
    packages.push_back(std::move(p));
  }
  return packages;
}

}  // namespace

Result<model::Source> ParseBunLock(std::string_view path, std::string_view content,
                                   Diagnostics& diagnostics) {
  Prepared prepared = Prepare(content);
  JsonText text(path, prepared.text);
  if (std::optional<Error> error = CheckShape(prepared, text)) return tl::unexpected(*error);
  od::document doc;
  if (std::optional<Error> error = text.Iterate(ThreadLocalJsonParser(), doc)) {
    return tl::unexpected(std::move(*error));
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text.ErrorAt(doc, "expected an object at the top level", err));
  }
  Reader reader(text, diagnostics);
  std::int64_t version = -1;
  const char* version_where = nullptr;
  for (auto field : root) {
    od::raw_json_string raw;
    std::string_view key;
    if (auto err = field.key().get(raw)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed key", err));
    }
    if (auto err = field.unescaped_key().get(key)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed key", err));
    }
    od::value value;
    if (auto err = field.value().get(value)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed value", err));
    }
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "lockfileVersion") {
      version_where = raw.raw() - 1;
      err = value.get_int64().get(version);
    } else if (key == "workspaces" || key == "packages") {
      od::object obj;
      err = value.get_object().get(obj);
      if (!err) err = key == "workspaces" ? reader.ReadWorkspaces(obj) : reader.ReadPackages(obj);
    }
    if (err) {
      std::string what = IsEntryError(err) ? "unexpected type for \"" + std::string(key) + "\""
                                           : "malformed \"" + std::string(key) + "\"";
      return tl::unexpected(text.ErrorAt(doc, what, err));
    }
  }
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) {
    return Fail(ErrorCode::kParse,
                text.Where(end) + ": trailing content after the top-level object");
  }
  if (version_where == nullptr) {
    return Fail(ErrorCode::kParse, std::string(path) + ": no \"lockfileVersion\"");
  }
  // 0 and 1 come from Bun 1.1-1.2; Bun 1.3+ writes 2 (same layout).
  if (version < 0 || version > 2) {
    return Fail(ErrorCode::kUnsupported, text.Where(version_where) +
                                             ": unsupported lockfileVersion " +
                                             std::to_string(version));
  }
  model::Source source;
  source.format = model::SourceFormat::kBunLock;
  source.path = std::string(path);
  source.format_version = std::to_string(version);
  source.packages = reader.Build();
  return source;
}

}  // namespace chainward::collect::npm
