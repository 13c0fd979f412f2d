#include "collect/pypi/requirements_paths.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "base/file.h"
#include "base/limits.h"
#include "collect/toml_support.h"

namespace chainward::collect::pypi {

namespace {

bool Within(const std::string& path, const std::string& root) {
  if (root.empty()) return false;
  if (root == "/") return true;
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          path[root.size()] == '/');
}

std::string RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) return {};
  return buffer;
}

}  // namespace

std::string NormalizePath(std::string_view path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string JoinPath(std::string_view dir, std::string_view path) {
  if (!path.empty() && path[0] == '/') return NormalizePath(path);
  return NormalizePath(std::string(dir) + "/" + std::string(path));
}

std::string DirOf(std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string AbsolutePath(std::string_view path) {
  if (!path.empty() && path[0] == '/') return NormalizePath(path);
  char buffer[PATH_MAX];
  std::string cwd = ::getcwd(buffer, sizeof buffer) != nullptr ? buffer : "/";
  return JoinPath(cwd, path);
}

ScanRoot::ScanRoot(std::string_view root)
    : lexical_(AbsolutePath(root)), real_(RealPath(lexical_)) {}

ScanRoot::Check ScanRoot::Resolve(const std::string& path, std::string* real) const {
  if (!Within(path, lexical_)) return Check::kOutside;
  std::string resolved = RealPath(path);
  if (resolved.empty()) return Check::kMissing;
  if (!Within(resolved, real_)) return Check::kLinkOutside;
  if (real != nullptr) *real = std::move(resolved);
  return Check::kInside;
}

LocalPaths::Kind RootedLocalPaths::Stat(std::string_view path) const {
  std::string real;
  switch (root_.Resolve(JoinPath(base_, path), &real)) {
    case ScanRoot::Check::kInside:
      break;
    case ScanRoot::Check::kMissing:
      return Kind::kMissing;
    case ScanRoot::Check::kOutside:
    case ScanRoot::Check::kLinkOutside:
      return Kind::kOutside;
  }
  struct stat st;
  if (::stat(real.c_str(), &st) != 0) return Kind::kMissing;
  if (S_ISDIR(st.st_mode)) return Kind::kDirectory;
  return S_ISREG(st.st_mode) ? Kind::kFile : Kind::kMissing;
}

std::optional<LocalProject> RootedLocalPaths::Project(std::string_view directory) const {
  std::string real;
  std::string pyproject = JoinPath(JoinPath(base_, directory), "pyproject.toml");
  if (root_.Resolve(pyproject, &real) != ScanRoot::Check::kInside) return std::nullopt;
  auto content = ReadFile(real, limits::kMaxTomlBytes);
  if (!content) return std::nullopt;
  auto doc = TomlDocument::Parse(pyproject, *content);
  if (!doc) return std::nullopt;
  const toml::node* project = doc->root().get("project");
  if (project == nullptr || !project->is_table()) return std::nullopt;
  const toml::table& table = *project->as_table();
  LocalProject out;
  out.name = std::string(TomlString(table.get("name")));
  if (out.name.empty()) return std::nullopt;
  out.version = std::string(TomlString(table.get("version")));
  return out;
}

}  // namespace chainward::collect::pypi
