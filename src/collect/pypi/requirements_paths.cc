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

ScanRoot::ScanRoot(std::string_view root)
    : lexical_(AbsolutePath(root)), real_(RealPath(lexical_)) {}

ScanRoot::Check ScanRoot::Resolve(const std::string& path, std::string* real) const {
  if (!IsInside(path, lexical_)) return Check::kOutside;
  std::string resolved = RealPath(path);
  if (resolved.empty()) return Check::kMissing;
  if (!IsInside(resolved, real_)) return Check::kLinkOutside;
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
