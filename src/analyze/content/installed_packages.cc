#include "analyze/content/installed_packages.h"

#include <sys/stat.h>

#include "base/path.h"
#include "base/walk.h"
#include "collect/pypi/environment.h"

namespace chainward::analyze::content {

namespace {

std::string Joined(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}

// The files of the npm package in `root` (shown as `display`): everything
// but the node_modules folders of its own dependencies.
void ListNpmFiles(PackageContent& package, Diagnostics& diagnostics) {
  Walk(
      package.root,
      [&package](const WalkEntry& entry) {
        if (entry.is_directory) {
          return entry.name == "node_modules" ? WalkDecision::kSkip : WalkDecision::kDescend;
        }
        PackageFile file;
        file.path = entry.relative;
        file.display = Joined(package.display, entry.relative);
        file.real = entry.path;
        struct stat st;
        if (::stat(entry.path.c_str(), &st) == 0) {
          file.size = static_cast<std::uint64_t>(st.st_size);
          file.executable = (st.st_mode & 0111) != 0;
        }
        package.files.push_back(std::move(file));
        return WalkDecision::kDescend;
      },
      diagnostics);
}

PackageContent Identity(const model::Package& p) {
  PackageContent package;
  package.ecosystem = p.ecosystem;
  package.name = p.name;
  package.version = p.version;
  package.purl = model::Purl(p);
  return package;
}

void AddNpmPackages(const model::Source& source, std::vector<PackageContent>& out,
                    Diagnostics& diagnostics) {
  // The source is shown as "<project>/node_modules"; install paths are
  // relative to the project.
  std::string project = DirOf(source.path);
  for (const model::Package& p : source.packages) {
    if (p.install_path.empty()) continue;
    // Workspace members and file: dependencies are the project's own code,
    // or come from elsewhere in the tree, which a scan reaches on its own.
    if (p.kind == model::SourceKind::kWorkspace || p.kind == model::SourceKind::kLink) continue;
    PackageContent package = Identity(p);
    package.root = Joined(project, p.install_path);
    package.display = package.root;
    ListNpmFiles(package, diagnostics);
    out.push_back(std::move(package));
  }
}

void AddPythonDistributions(const collect::pypi::InstalledEnvironment& env,
                            std::vector<PackageContent>& out) {
  std::string site = NormalizePath(env.root);
  std::string prefix = NormalizePath(env.prefix);
  for (const collect::pypi::Distribution& d : env.distributions) {
    PackageContent package = Identity(env.source.packages[d.package]);
    package.root = env.root;
    package.display = env.source.path;
    for (const collect::pypi::RecordEntry& e : d.record) {
      // RECORD paths may climb to the prefix (scripts in bin/), never past it.
      if (!collect::pypi::StaysInsidePrefix(e.path, env.root, env.prefix)) continue;
      std::string path = NormalizePath(e.path);
      PackageFile file;
      file.path = path;
      file.display = NormalizePath(Joined(env.source.path, path));
      file.real = JoinPath(site, path);
      if (!IsInside(file.real, prefix)) continue;
      struct stat st;
      if (::lstat(file.real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      file.size = static_cast<std::uint64_t>(st.st_size);
      file.executable = (st.st_mode & 0111) != 0;
      package.files.push_back(std::move(file));
    }
    out.push_back(std::move(package));
  }
}

}  // namespace

std::vector<PackageContent> InstalledPackages(const Inventory& inventory,
                                              Diagnostics& diagnostics) {
  std::vector<PackageContent> out;
  for (const model::Source& source : inventory.sources) {
    if (source.format == model::SourceFormat::kNodeModules) {
      AddNpmPackages(source, out, diagnostics);
    }
  }
  for (const collect::pypi::InstalledEnvironment& env : inventory.environments) {
    AddPythonDistributions(env, out);
  }
  return out;
}

}  // namespace chainward::analyze::content
