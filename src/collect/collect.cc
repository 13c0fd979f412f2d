// Discovery: which files and trees under a path describe dependencies, and
// which parser reads each.
#include "collect/collect.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/file.h"
#include "base/limits.h"
#include "base/walk.h"
#include "collect/npm/bun_lock.h"
#include "collect/npm/manifest.h"
#include "collect/npm/node_modules.h"
#include "collect/npm/package_lock.h"
#include "collect/npm/pnpm_lock.h"
#include "collect/npm/yarn_lock.h"
#include "collect/pypi/project.h"
#include "collect/pypi/site_packages.h"

namespace chainward::collect {

namespace {

// Lockfile names chainward reads (and bun's binary one, to say why not).
bool IsLockfileName(std::string_view name) {
  return name == "package-lock.json" || name == "npm-shrinkwrap.json" || name == "yarn.lock" ||
         name == "pnpm-lock.yaml" || name == "bun.lock" || name == "bun.lockb";
}

std::string_view BaseName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string DirName(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string Join(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (b.empty()) return a;
  return a.back() == '/' ? a + b : a + "/" + b;
}

// True when the folder holds what installers leave in a site-packages
// (a *.dist-info or *.egg-info, a *.pth): a folder that is only named
// site-packages (a project's own, a test fixture) is walked like any other.
bool HoldsInstalledPackages(const std::string& dir) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return false;
  bool found = false;
  while (dirent* d = ::readdir(handle)) {
    std::string_view name = d->d_name;
    auto ends = [&name](std::string_view suffix) {
      return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    if (ends(".dist-info") || ends(".egg-info") || ends(".pth")) {
      found = true;
      break;
    }
  }
  ::closedir(handle);
  return found;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

Result<model::Source> ReadLockfile(const std::string& path, const std::string& display,
                                   Diagnostics& diagnostics) {
  std::string_view name = BaseName(path);
  if (pypi::RoleOf(name) != pypi::FileRole::kNone) {
    return pypi::ReadDependencyFile(path, display, diagnostics);
  }
  if (name == "bun.lockb") {
    return Fail(ErrorCode::kUnsupported,
                display + ": the binary bun.lockb is not read; run `bun install "
                          "--save-text-lockfile` to write bun.lock");
  }
  bool hidden = name == ".package-lock.json";
  if (!IsLockfileName(name) && !hidden) {
    return Fail(ErrorCode::kUnsupported,
                display + ": not a lockfile chainward reads (package-lock.json, "
                          "npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock, "
                          "requirements*.txt, uv.lock, poetry.lock, pdm.lock, pylock.toml, "
                          "Pipfile.lock, pyproject.toml)");
  }
  auto content = ReadFile(path, limits::kMaxLockfileBytes);
  if (!content) {
    // Name the file as the user sees it.
    std::string message = content.error().message;
    if (message.rfind(path, 0) == 0) message = display + message.substr(path.size());
    return Fail(content.error().code, message);
  }

  // The package.json of the project: beside the lockfile, or above
  // node_modules for the hidden lockfile.
  std::string project = DirName(path);
  if (hidden) project = DirName(project);
  std::optional<npm::Manifest> manifest;
  std::string manifest_path = Join(project, "package.json");
  if (name != "pnpm-lock.yaml" && name != "bun.lock" && Exists(manifest_path)) {
    auto text = ReadFile(manifest_path, limits::kMaxManifestBytes);
    std::string manifest_display = Join(DirName(display), "package.json");
    if (text) {
      auto parsed = npm::ParseManifest(manifest_display, *text);
      if (parsed) {
        manifest = std::move(*parsed);
      } else {
        diagnostics.Warning("", 0, 0, parsed.error().message + " (used to find direct dependencies)");
      }
    }
  }
  const npm::Manifest* root = manifest ? &*manifest : nullptr;

  if (name == "package-lock.json") {
    return npm::ParsePackageLock(display, *content, model::SourceFormat::kPackageLock, root,
                                 diagnostics);
  }
  if (name == "npm-shrinkwrap.json") {
    return npm::ParsePackageLock(display, *content, model::SourceFormat::kShrinkwrap, root,
                                 diagnostics);
  }
  if (hidden) {
    return npm::ParsePackageLock(display, *content, model::SourceFormat::kHiddenLockfile, root,
                                 diagnostics);
  }
  if (name == "yarn.lock") return npm::ParseYarnLock(display, *content, root, diagnostics);
  if (name == "pnpm-lock.yaml") return npm::ParsePnpmLock(display, *content, diagnostics);
  return npm::ParseBunLock(display, *content, diagnostics);
}

Collection CollectTree(const std::string& root, const std::string& display_root,
                       Diagnostics& diagnostics) {
  Collection out;
  std::vector<model::Source>& sources = out.sources;
  struct stat st;
  if (::stat(root.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    auto source = ReadLockfile(root, display_root.empty() ? root : display_root, diagnostics);
    if (source) {
      sources.push_back(std::move(*source));
    } else {
      diagnostics.Add(source.error());
    }
    return out;
  }

  // Projects: relative directory -> lockfile names found there. A directory
  // with a node_modules is a project even without a lockfile.
  std::map<std::string, std::vector<std::string>> projects;
  std::map<std::string, std::vector<std::string>> python_projects;
  std::set<std::string> with_node_modules;
  std::vector<std::string> environments;  // site-packages folders, relative
  auto project_of = [](const std::string& relative) {
    std::size_t slash = relative.rfind('/');
    return slash == std::string::npos ? std::string() : relative.substr(0, slash);
  };
  Walk(root,
       [&](const WalkEntry& entry) {
         if (entry.is_directory) {
           if (entry.name == "node_modules" && entry.depth > 0) {
             std::string project = project_of(entry.relative);
             with_node_modules.insert(project);
             projects[project];
             return WalkDecision::kSkip;  // its packages are read by ReadNodeModules
           }
           if (pypi::LooksLikeSitePackages(entry.path) && HoldsInstalledPackages(entry.path)) {
             environments.push_back(entry.relative);
             return WalkDecision::kSkip;  // read by ReadSitePackages
           }
           return WalkDecision::kDescend;
         }
         if (IsLockfileName(entry.name)) {
           projects[project_of(entry.relative)].emplace_back(entry.name);
         } else if (pypi::RoleOf(entry.relative) != pypi::FileRole::kNone) {
           // Requirements files may sit in a requirements/ folder: the
           // project is where pip is run, and the name keeps the folder.
           std::string project = project_of(entry.relative);
           std::string name(entry.name);
           if (BaseName(project) == "requirements" &&
               pypi::RoleOf(entry.name) == pypi::FileRole::kNone) {
             name = "requirements/" + name;
             project = project_of(project);
           }
           python_projects[project].push_back(std::move(name));
         }
         return WalkDecision::kDescend;
       },
       diagnostics);
  std::vector<std::string> read_trees;  // projects whose node_modules were read
  for (auto& [project, lockfiles] : projects) {
    // A folder with a node_modules but no lockfile inside a project already
    // read is a workspace member: the project's tree reader covered it.
    if (lockfiles.empty()) {
      bool covered = false;
      for (const std::string& parent : read_trees) {
        if (parent.empty() || project.rfind(parent + "/", 0) == 0) covered = true;
      }
      if (covered) continue;
    }
    std::string dir = Join(root, project);
    std::string display_dir = Join(display_root, project);
    std::sort(lockfiles.begin(), lockfiles.end());
    bool shrinkwrap = std::find(lockfiles.begin(), lockfiles.end(), "npm-shrinkwrap.json") !=
                      lockfiles.end();
    bool package_lock = std::find(lockfiles.begin(), lockfiles.end(), "package-lock.json") !=
                        lockfiles.end();
    if (shrinkwrap && package_lock) {
      diagnostics.Warning(Join(display_dir, "package-lock.json"), 0, 0,
                          "npm-shrinkwrap.json beside it wins: npm installs from the shrinkwrap");
    }
    for (const std::string& name : lockfiles) {
      auto source = ReadLockfile(Join(dir, name), Join(display_dir, name), diagnostics);
      if (source) {
        sources.push_back(std::move(*source));
      } else {
        diagnostics.Add(source.error());
      }
    }
    if (!with_node_modules.count(project)) continue;
    std::string hidden = Join(dir, "node_modules/.package-lock.json");
    if (Exists(hidden)) {
      auto source = ReadLockfile(hidden, Join(display_dir, "node_modules/.package-lock.json"),
                                 diagnostics);
      if (source) {
        sources.push_back(std::move(*source));
      } else {
        diagnostics.Add(source.error());
      }
    }
    auto tree = npm::ReadNodeModules(dir, display_dir.empty() ? "." : display_dir, diagnostics);
    read_trees.push_back(project);
    if (tree) {
      sources.push_back(std::move(*tree));
    } else if (tree.error().code != ErrorCode::kNotFound) {
      diagnostics.Add(tree.error());
    }
  }

  for (auto& [project, names] : python_projects) {
    std::sort(names.begin(), names.end());
    for (model::Source& s : pypi::ReadProject(Join(root, project), Join(display_root, project),
                                              root, names, diagnostics)) {
      sources.push_back(std::move(s));
    }
  }

  std::sort(environments.begin(), environments.end());
  for (const std::string& relative : environments) {
    auto environment = pypi::ReadSitePackages(Join(root, relative),
                                              Join(display_root, relative), diagnostics);
    if (!environment) {
      diagnostics.Add(environment.error());
      continue;
    }
    sources.push_back(environment->source);
    out.environments.push_back(std::move(*environment));
  }
  return out;
}

}  // namespace chainward::collect
