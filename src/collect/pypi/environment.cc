#include "collect/pypi/environment.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <set>
#include <vector>

#include "base/text.h"
#include "collect/pypi/site_packages.h"

namespace chainward::collect::pypi {

namespace {

std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// The version in a "pythonX.Y" directory name, or "".
std::string VersionOf(std::string_view component) {
  if (!StartsWith(component, "python") || component.size() == 6) return {};
  std::string_view v = component.substr(6);
  for (char c : v) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 't')) return {};
  }
  if (v[0] < '0' || v[0] > '9') return {};
  return std::string(v);
}

}  // namespace

std::string EnvironmentPrefix(const std::string& dir) {
  std::vector<std::string_view> parts = Components(dir);
  std::size_t up = 0;
  if (parts.size() >= 3 && (parts[parts.size() - 3] == "lib" || parts[parts.size() - 3] == "lib64") &&
      !VersionOf(parts[parts.size() - 2]).empty()) {
    up = 3;
  } else if (parts.size() >= 2 && parts[parts.size() - 2] == "Lib") {
    up = 2;
  }
  if (up == 0) return dir;
  std::string out = !dir.empty() && dir[0] == '/' ? "/" : "";
  for (std::size_t i = 0; i + up < parts.size(); ++i) {
    if (!out.empty() && out.back() != '/') out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string PythonVersionFromPath(std::string_view dir) {
  std::vector<std::string_view> parts = Components(dir);
  if (parts.size() < 2) return {};
  return VersionOf(parts[parts.size() - 2]);
}


bool StaysInsidePrefix(std::string_view relative, const std::string& dir,
                       const std::string& prefix) {
  if (relative.empty() || relative[0] == '/' || relative[0] == '\\') return false;
  if (relative.size() >= 2 && relative[1] == ':') return false;  // "C:\..."
  std::size_t depth = 0;
  std::string d = NormalizePath(dir), p = NormalizePath(prefix);
  std::size_t dn = Components(d).size(), pn = Components(p).size();
  if (d != p && dn > pn) depth = dn - pn;
  std::size_t climbs = 0;
  std::string normal = NormalizePath(relative);
  for (std::string_view seg : Components(normal)) {
    if (seg != "..") break;
    ++climbs;
  }
  return climbs <= depth;
}



// The discovery helpers of site_packages.h.

bool LooksLikeSitePackages(std::string_view dir) {
  while (!dir.empty() && dir.back() == '/') dir.remove_suffix(1);
  std::size_t slash = dir.rfind('/');
  std::string_view last = slash == std::string_view::npos ? dir : dir.substr(slash + 1);
  return last == "site-packages" || last == "dist-packages";
}

bool IsPythonEnvironmentRoot(const std::string& dir) {
  struct stat st;
  if (::stat((dir + "/pyvenv.cfg").c_str(), &st) == 0 && S_ISREG(st.st_mode)) return true;
  return ::stat((dir + "/conda-meta").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> FindSitePackages(const std::string& env_root) {
  std::string root_real = RealPath(env_root);
  std::vector<std::string> candidates = {"Lib/site-packages"};
  for (const char* lib : {"lib", "lib64"}) {
    DIR* handle = ::opendir((env_root + "/" + lib).c_str());
    if (handle == nullptr) continue;
    std::size_t seen = 0;
    while (dirent* entry = ::readdir(handle)) {
      if (++seen > 10'000) break;  // a lib folder of a Python prefix holds a handful
      if (VersionOf(entry->d_name).empty()) continue;
      candidates.push_back(std::string(lib) + "/" + entry->d_name + "/site-packages");
    }
    ::closedir(handle);
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::string> out;
  std::set<std::string> reals;
  for (const std::string& rel : candidates) {
    std::string real = RealPath(env_root + "/" + rel);
    struct stat st;
    if (real.empty() || ::stat(real.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    if (!IsInside(real, root_real)) continue;  // a link out of the environment
    if (reals.insert(real).second) out.push_back(rel);
  }
  return out;
}

VenvConfig ParseVenvConfig(std::string_view text) {
  VenvConfig cfg;
  std::string version_info;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key;
    for (char c : Trim(line.substr(0, eq))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string value(Trim(line.substr(eq + 1)));
    if (key == "home") {
      cfg.home = value;
    } else if (key == "version") {
      cfg.version = value;
    } else if (key == "version_info") {
      version_info = value;
    } else if (key == "include-system-site-packages") {
      std::string lower;
      for (char c : value) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      cfg.include_system_site_packages = lower == "true";
    }
  }
  if (cfg.version.empty()) cfg.version = version_info;
  return cfg;
}

}  // namespace chainward::collect::pypi
