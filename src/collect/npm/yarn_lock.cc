// yarn.lock, Yarn classic (v1) and Yarn Berry (2+).
//
// Both map *descriptors* (what a manifest asked for, "name@range") to
// resolved entries; several descriptors share one entry:
//
//   "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":   <- classic
//     version "7.12.13"
//     dependencies:
//       "@babel/highlight" "^7.12.13"
//
//   "@babel/code-frame@npm:^7.0.0, @babel/code-frame@npm:^7.10.4":   <- Berry
//     version: 7.12.13
//     resolution: "@babel/code-frame@npm:7.12.13"
//     dependencies:
//       "@babel/highlight": "npm:^7.12.13"
//
// Classic is its own indentation-based format (not YAML: `version "1.0"` has
// no colon) and gets a line reader; Berry is YAML and uses the lockfile YAML
// reader. Both end in the same step: every descriptor points at its entry,
// and an entry's dependency "d" "range" is the entry holding descriptor
// d@range (Berry adds the "npm:" protocol to bare ranges, as Yarn does).
//
// Neither format records which dependencies are direct or dev-only; the
// project's package.json (root_manifest) answers that: direct = descriptors
// the manifest asks for; dev = reachable only from devDependencies.
#include "collect/npm/yarn_lock.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/limits.h"
#include "base/text.h"
#include "collect/lockfile_yaml.h"
#include "collect/npm/platform.h"

namespace chainward::collect::npm {

namespace {

struct YarnEntry {
  std::vector<std::string> descriptors;  // "name@range" as written
  model::Package package;
  DependencyList dependencies;  // name -> range
  std::vector<std::string> optional_names;
};

// "name@range" -> {"name", "range"}; the first '@' after the scope.
std::pair<std::string_view, std::string_view> SplitDescriptor(std::string_view d) {
  std::size_t at = d.find('@', d.size() > 0 && d[0] == '@' ? 1 : 0);
  if (at == std::string_view::npos) return {d, {}};
  return {d.substr(0, at), d.substr(at + 1)};
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// Kind, real name and alias from a descriptor's range and the resolved URL.
void Classify(YarnEntry& e, std::string_view key_name, std::string_view range) {
  model::Package& p = e.package;
  p.name = std::string(key_name);
  std::string_view r = range;
  if (r.substr(0, 4) == "npm:") {
    std::string_view rest = r.substr(4);
    // "npm:bar@^1.0.0" is an alias; "npm:^1.0.0" a plain range (Berry).
    std::size_t at = rest.find('@', rest.size() > 0 && rest[0] == '@' ? 1 : 0);
    if (at != std::string_view::npos && at > 0) {
      p.alias = std::string(key_name);
      p.name = std::string(rest.substr(0, at));
    }
    r = {};
  }
  std::string_view resolved = p.resolved;
  if (StartsWithAny(r, {"git+", "git:", "github:", "gitlab:", "bitbucket:"}) ||
      StartsWithAny(resolved, {"git+", "git:", "https://codeload.github.com/"}) ||
      resolved.find(".git#") != std::string_view::npos) {
    p.kind = model::SourceKind::kGit;
  } else if (StartsWithAny(r, {"file:", "portal:"})) {
    p.kind = model::SourceKind::kFile;
  } else if (StartsWithAny(r, {"link:"})) {
    p.kind = model::SourceKind::kLink;
  } else if (StartsWithAny(r, {"workspace:"})) {
    p.kind = model::SourceKind::kWorkspace;
  } else if (StartsWithAny(r, {"http://", "https://"})) {
    p.kind = model::SourceKind::kTarball;
  }
}

// Links entries by descriptor, and marks direct and dev packages.
void Resolve(std::vector<YarnEntry>& entries, const Manifest* root, bool berry,
             std::string_view path, Diagnostics& diagnostics, model::Source& source) {
  std::unordered_map<std::string, std::uint32_t> by_descriptor;
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    for (const std::string& d : entries[i].descriptors) {
      by_descriptor.emplace(d, i);
      // Berry binds file: and patch: descriptors to the workspace that asked
      // ("local@file:./lib::locator=app%40workspace%3A."); manifests do not.
      std::size_t bound = d.find("::");
      if (berry && bound != std::string::npos) by_descriptor.emplace(d.substr(0, bound), i);
    }
  }
  // Berry writes "npm:" before bare ranges in descriptors but not always in
  // dependency lists; try both spellings.
  auto find = [&](std::string_view name, std::string_view range) -> std::int64_t {
    std::string key = std::string(name) + "@" + std::string(range);
    auto it = by_descriptor.find(key);
    if (it == by_descriptor.end() && berry) {
      it = by_descriptor.find(std::string(name) + "@npm:" + std::string(range));
    }
    if (it == by_descriptor.end()) return -1;
    return static_cast<std::int64_t>(it->second);
  };
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    for (const auto& [name, range] : entries[i].dependencies) {
      std::int64_t t = find(name, range);
      if (t >= 0 && static_cast<std::uint32_t>(t) != i) {
        entries[i].package.dependencies.push_back(static_cast<std::uint32_t>(t));
      }
    }
  }

  std::vector<std::uint32_t> prod, dev;
  if (root != nullptr) {
    for (const DependencyList* list :
         {&root->dependencies, &root->optional_dependencies, &root->peer_dependencies}) {
      for (const auto& [name, spec] : *list) {
        std::int64_t t = find(name, spec);
        if (t >= 0) prod.push_back(static_cast<std::uint32_t>(t));
      }
    }
    for (const auto& [name, spec] : root->dev_dependencies) {
      std::int64_t t = find(name, spec);
      if (t >= 0) dev.push_back(static_cast<std::uint32_t>(t));
    }
  } else if (!berry) {
    diagnostics.Warning(std::string(path), 0, 0,
                        "no package.json beside this lockfile: direct and dev dependencies "
                        "are not known");
  }
  // Workspace members (Berry) are roots too: their dependencies are direct.
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    if (entries[i].package.kind != model::SourceKind::kWorkspace) continue;
    if (root != nullptr && entries[i].descriptors.size() == 1 &&
        entries[i].descriptors[0].find("@workspace:.") != std::string::npos) {
      continue;  // the root project: its manifest already answered
    }
    for (std::uint32_t d : entries[i].package.dependencies) prod.push_back(d);
  }
  for (std::uint32_t i : prod) entries[i].package.flags.direct = true;
  for (std::uint32_t i : dev) entries[i].package.flags.direct = true;
  if (root != nullptr) {
    auto reach = [&entries](const std::vector<std::uint32_t>& from) {
      std::vector<bool> seen(entries.size(), false);
      std::vector<std::uint32_t> stack(from);
      while (!stack.empty()) {
        std::uint32_t at = stack.back();
        stack.pop_back();
        if (seen[at]) continue;
        seen[at] = true;
        for (std::uint32_t next : entries[at].package.dependencies) stack.push_back(next);
      }
      return seen;
    };
    std::vector<bool> from_prod = reach(prod), from_dev = reach(dev);
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      if (!from_prod[i] && from_dev[i]) entries[i].package.flags.dev = true;
    }
  }
  // Optional: named in an optionalDependencies map (classic) or marked
  // optional in dependenciesMeta (Berry) by a parent.
  for (const YarnEntry& e : entries) {
    for (const std::string& name : e.optional_names) {
      for (std::uint32_t d : e.package.dependencies) {
        model::Package& target = entries[d].package;
        if ((target.alias.empty() ? target.name : target.alias) == name) {
          target.flags.optional = true;
        }
      }
    }
  }
  if (root != nullptr) {
    for (const auto& [name, spec] : root->optional_dependencies) {
      std::int64_t t = find(name, spec);
      if (t >= 0) entries[static_cast<std::size_t>(t)].package.flags.optional = true;
    }
  }
  for (YarnEntry& e : entries) {
    model::Package& p = e.package;
    if (p.flags.optional && ExcludesThisHost(p.os, p.cpu, p.libc)) p.flags.platform_skipped = true;
    source.packages.push_back(std::move(p));
  }
}

// ---------------------------------------------------------------- classic --

// Splits `s` on ", " outside double quotes and unquotes each part.
bool SplitKeys(std::string_view s, std::vector<std::string>& out) {
  std::string current;
  bool quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(std::string(Trim(current)));
      current.clear();
    } else {
      current += c;
    }
  }
  if (quoted) return false;
  out.push_back(std::string(Trim(current)));
  return true;
}

// `value` without surrounding double quotes; false when a quote is unmatched.
bool Unquote(std::string_view value, std::string& out) {
  value = Trim(value);
  if (!value.empty() && value[0] == '"') {
    if (value.size() < 2 || value.back() != '"') return false;
    out.assign(value.substr(1, value.size() - 2));
  } else {
    out.assign(value);
  }
  return true;
}

// "key value" or "key: value" -> key and value.
void SplitField(std::string_view line, std::string& key, std::string& value) {
  line = Trim(line);
  std::size_t cut;
  if (!line.empty() && line[0] == '"') {
    cut = line.find('"', 1);
    cut = cut == std::string_view::npos ? line.size() : cut + 1;
  } else {
    cut = line.find_first_of(" :");
    if (cut == std::string_view::npos) cut = line.size();
  }
  Unquote(line.substr(0, cut), key);
  std::string_view rest = line.substr(cut);
  if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  value.assign(Trim(rest));
}

Result<model::Source> ParseClassic(std::string_view path, std::string_view content,
                                   const Manifest* root, Diagnostics& diagnostics) {
  std::vector<YarnEntry> entries;
  std::vector<LineIndex::Position> entry_lines;
  enum class Block { kNone, kDependencies, kOptionalDependencies, kOther } block = Block::kNone;
  bool skipping = false;  // inside a malformed entry
  std::uint32_t line_number = 0;
  std::size_t pos = 0;
  auto report = [&](std::uint32_t line, std::uint32_t col, std::string message) {
    diagnostics.Error(std::string(path), line, col, std::move(message));
  };
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.size() > limits::kMaxLineBytes) {
      return Fail(ErrorCode::kLimit, std::string(path) + ":" + std::to_string(line_number) +
                                         ": line longer than " +
                                         std::to_string(limits::kMaxLineBytes) + " bytes");
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    std::size_t indent = line.find_first_not_of(' ');
    if (line[indent] == '\t') {
      report(line_number, static_cast<std::uint32_t>(indent + 1), "tab in indentation");
      skipping = true;
      continue;
    }
    if (indent == 0) {
      if (trimmed.back() != ':') {
        report(line_number, 1, "expected \"descriptor[, descriptor]:\" to start an entry");
        skipping = true;
        continue;
      }
      YarnEntry e;
      if (!SplitKeys(trimmed.substr(0, trimmed.size() - 1), e.descriptors)) {
        report(line_number, 1, "unterminated quote in entry key");
        skipping = true;
        continue;
      }
      if (entries.size() >= limits::kMaxPackagesPerSource) {
        return Fail(ErrorCode::kLimit, std::string(path) + ": more than " +
                                           std::to_string(limits::kMaxPackagesPerSource) +
                                           " entries");
      }
      entries.push_back(std::move(e));
      entry_lines.push_back({line_number, 1});
      skipping = false;
      block = Block::kNone;
      continue;
    }
    if (skipping || entries.empty()) {
      if (!skipping) {
        report(line_number, static_cast<std::uint32_t>(indent + 1), "field outside an entry");
        skipping = true;
      }
      continue;
    }
    YarnEntry& e = entries.back();
    std::string key, value;
    SplitField(line, key, value);
    if (indent == 2) {
      block = Block::kNone;
      if (value.empty()) {
        block = key == "dependencies"           ? Block::kDependencies
                : key == "optionalDependencies" ? Block::kOptionalDependencies
                                                : Block::kOther;
        continue;
      }
      std::string text;
      if (!Unquote(value, text)) {
        report(line_number, static_cast<std::uint32_t>(indent + 1),
               "unterminated quote in \"" + key + "\"");
        continue;
      }
      if (key == "version") e.package.version = text;
      else if (key == "resolved") e.package.resolved = text;
      else if (key == "integrity") e.package.integrity = text;
      continue;
    }
    if (block == Block::kDependencies || block == Block::kOptionalDependencies) {
      std::string range;
      if (!Unquote(value, range)) {
        report(line_number, static_cast<std::uint32_t>(indent + 1),
               "unterminated quote in dependency \"" + key + "\"");
        continue;
      }
      e.dependencies.emplace_back(key, range);
      if (block == Block::kOptionalDependencies) e.optional_names.push_back(key);
    }
  }

  for (std::size_t i = 0; i < entries.size(); ++i) {
    YarnEntry& e = entries[i];
    if (e.descriptors.empty() || e.descriptors[0].empty()) continue;
    auto [name, range] = SplitDescriptor(e.descriptors[0]);
    Classify(e, name, range);
    if (e.package.version.empty() && e.package.kind == model::SourceKind::kRegistry) {
      report(entry_lines[i].line, 1, "entry \"" + e.descriptors[0] + "\" has no version");
    }
    e.package.locations.push_back({std::string(path), entry_lines[i].line, 1});
    // The resolved URL's fragment is the tarball's SHA-1 (older lockfiles
    // have no integrity line): keep the URL as written.
  }
  model::Source source;
  source.format = model::SourceFormat::kYarnV1;
  source.path = std::string(path);
  source.format_version = "1";
  Resolve(entries, root, false, path, diagnostics, source);
  return source;
}

// ------------------------------------------------------------------ Berry --

// "os=darwin & cpu=arm64" -> os / cpu / libc lists.
void ReadConditions(std::string_view conditions, model::Package& p) {
  std::size_t start = 0;
  while (start < conditions.size()) {
    std::size_t amp = conditions.find('&', start);
    if (amp == std::string_view::npos) amp = conditions.size();
    std::string_view term = Trim(conditions.substr(start, amp - start));
    std::size_t eq = term.find('=');
    if (eq != std::string_view::npos) {
      std::string_view k = Trim(term.substr(0, eq));
      std::string v(Trim(term.substr(eq + 1)));
      if (k == "os") p.os.push_back(v);
      else if (k == "cpu") p.cpu.push_back(v);
      else if (k == "libc") p.libc.push_back(v);
    }
    start = amp + 1;
  }
}

Result<model::Source> ParseBerry(std::string_view path, std::string_view content,
                                 const Manifest* root, Diagnostics& diagnostics) {
  auto tree = yaml::Parse(path, content);
  if (!tree) return tl::unexpected(tree.error());
  if (tree->documents().empty()) {
    return Fail(ErrorCode::kParse, std::string(path) + ": empty lockfile");
  }
  yaml::NodeId doc = tree->documents()[0];
  if (tree->kind(doc) != yaml::Kind::kMap) {
    return Fail(ErrorCode::kParse, std::string(path) + ": expected a mapping at the top level");
  }
  model::Source source;
  source.format = model::SourceFormat::kYarnBerry;
  source.path = std::string(path);
  source.format_version = std::string(tree->FindText(tree->Find(doc, "__metadata"), "version"));
  std::vector<YarnEntry> entries;
  for (auto [key, value] : tree->Entries(doc)) {
    std::string_view keys = tree->Text(key);
    if (keys == "__metadata") continue;
    if (tree->kind(value) != yaml::Kind::kMap) {
      diagnostics.Error(std::string(path), tree->line(key), tree->column(key),
                        "entry \"" + std::string(keys) + "\" is not a mapping; skipped");
      continue;
    }
    YarnEntry e;
    if (!SplitKeys(keys, e.descriptors) || e.descriptors.empty()) continue;
    model::Package& p = e.package;
    p.version = tree->FindText(value, "version");
    std::string_view resolution = tree->FindText(value, "resolution");
    p.resolved = resolution;
    p.integrity = tree->FindText(value, "checksum");
    ReadConditions(tree->FindText(value, "conditions"), p);
    for (auto [dk, dv] : tree->Entries(tree->Find(value, "dependencies"))) {
      e.dependencies.emplace_back(std::string(tree->Text(dk)), std::string(tree->Text(dv)));
    }
    for (auto [mk, mv] : tree->Entries(tree->Find(value, "dependenciesMeta"))) {
      if (tree->FindText(mv, "optional") == "true") e.optional_names.emplace_back(tree->Text(mk));
    }
    // The resolution names the package and protocol exactly:
    // "name@npm:1.2.3", "name@workspace:packages/x",
    // "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>".
    auto [res_name, res_range] = SplitDescriptor(resolution);
    auto [key_name, key_range] = SplitDescriptor(e.descriptors[0]);
    Classify(e, key_name, key_range);
    if (res_range.substr(0, 6) == "patch:") {
      // A patched package: the registry package inside the patch spec.
      p.resolved = std::string(resolution);
    } else if (res_range.substr(0, 10) == "workspace:") {
      p.kind = model::SourceKind::kWorkspace;
      p.install_path = std::string(res_range.substr(10));
    } else if (res_range.substr(0, 4) == "npm:" && !res_name.empty()) {
      p.name = std::string(res_name);
      if (p.name != key_name) p.alias = std::string(key_name);
      if (p.kind != model::SourceKind::kTarball) p.kind = model::SourceKind::kRegistry;
    } else if (res_range.substr(0, 5) == "file:" || res_range.substr(0, 7) == "portal:") {
      p.kind = model::SourceKind::kFile;
    } else if (res_range.substr(0, 5) == "link:") {
      p.kind = model::SourceKind::kLink;
    } else if (res_range.find("://") != std::string_view::npos ||
               res_range.substr(0, 7) == "github:") {
      bool git = res_range.find(".git#") != std::string_view::npos ||
                 res_range.substr(0, 4) == "git+" || res_range.substr(0, 7) == "github:" ||
                 res_range.find("#commit=") != std::string_view::npos;
      p.kind = git ? model::SourceKind::kGit : model::SourceKind::kTarball;
    }
    if (p.kind == model::SourceKind::kWorkspace && p.version == "0.0.0-use.local") {
      p.version.clear();  // Yarn's placeholder for "whatever the folder says"
    }
    p.locations.push_back({std::string(path), tree->line(key), tree->column(key)});
    entries.push_back(std::move(e));
  }
  Resolve(entries, root, true, path, diagnostics, source);
  return source;
}

}  // namespace

Result<model::Source> ParseYarnLock(std::string_view path, std::string_view content,
                                    const Manifest* root_manifest, Diagnostics& diagnostics) {
  if (content.size() > limits::kMaxLockfileBytes) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": lockfile over " +
                                       std::to_string(limits::kMaxLockfileBytes) + " bytes");
  }
  // Berry starts with a comment block and then `__metadata:`; classic files
  // never contain that key.
  bool berry = content.find("\n__metadata:") != std::string_view::npos ||
               content.substr(0, 11) == "__metadata:";
  if (berry) return ParseBerry(path, content, root_manifest, diagnostics);
  return ParseClassic(path, content, root_manifest, diagnostics);
}

}  // namespace chainward::collect::npm
