#include "base/path.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <vector>

namespace chainward {

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

std::string RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) return {};
  return buffer;
}

bool IsInside(std::string_view path, std::string_view root) {
  if (path.empty() || root.empty()) return false;
  if (path == root || root == "/") return true;
  return path.size() > root.size() && path.substr(0, root.size()) == root &&
         path[root.size()] == '/';
}

}  // namespace chainward
