#include "base/walk.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "base/limits.h"
#include "base/path.h"

namespace chainward {

namespace {

struct Pending {
  std::string path;
  std::string relative;
  int depth;
};

}  // namespace

bool Walk(const std::string& root, const std::function<WalkDecision(const WalkEntry&)>& visit,
          Diagnostics& diagnostics) {
  std::string root_real = RealPath(root);
  struct stat st;
  if (root_real.empty() || ::stat(root.c_str(), &st) != 0) {
    diagnostics.Error(root, 0, 0, std::string("cannot read: ") + std::strerror(errno));
    return false;
  }
  std::set<std::pair<dev_t, ino_t>> seen;
  std::size_t entries = 0;
  std::vector<Pending> stack;

  WalkEntry top;
  top.path = root;
  top.name = root;
  top.is_directory = S_ISDIR(st.st_mode);
  WalkDecision decision = visit(top);
  if (decision == WalkDecision::kStop) return false;
  if (!top.is_directory || decision == WalkDecision::kSkip) return true;
  seen.insert({st.st_dev, st.st_ino});
  stack.push_back({root, "", 0});

  while (!stack.empty()) {
    Pending dir = std::move(stack.back());
    stack.pop_back();
    DIR* handle = ::opendir(dir.path.c_str());
    if (handle == nullptr) {
      diagnostics.Error(dir.path, 0, 0, std::string("cannot read directory: ") + std::strerror(errno));
      continue;
    }
    std::vector<Pending> children;
    while (dirent* d = ::readdir(handle)) {
      std::string_view name = d->d_name;
      if (name == "." || name == "..") continue;
      if (++entries > limits::kMaxWalkEntries) {
        ::closedir(handle);
        diagnostics.Error(root, 0, 0,
                          "more than " + std::to_string(limits::kMaxWalkEntries) +
                              " entries; the rest of the tree was not read");
        return false;
      }
      WalkEntry entry;
      entry.path = dir.path + "/" + std::string(name);
      entry.relative = dir.relative.empty() ? std::string(name) : dir.relative + "/" + std::string(name);
      entry.depth = dir.depth + 1;
      // readdir's type saves an lstat per entry where the file system
      // gives it; a directory is stat'ed only when it is entered.
      struct stat lst;
      bool stated = false;
      if (d->d_type == DT_REG || d->d_type == DT_DIR) {
        lst.st_mode = d->d_type == DT_REG ? S_IFREG : S_IFDIR;
      } else if (::lstat(entry.path.c_str(), &lst) != 0) {
        continue;
      } else {
        stated = true;
      }
      struct stat target = lst;
      if (S_ISLNK(lst.st_mode)) {
        entry.is_symlink = true;
        std::string real = RealPath(entry.path);
        if (real.empty() || ::stat(entry.path.c_str(), &target) != 0) continue;  // dangling
        if (!IsInside(real, root_real)) {
          diagnostics.Warning(entry.path, 0, 0, "symbolic link to " + real +
                                                    " leaves the scanned tree; not followed");
          continue;
        }
      }
      entry.is_directory = S_ISDIR(target.st_mode);
      if (!entry.is_directory && !S_ISREG(target.st_mode)) continue;
      entry.name = std::string_view(entry.path).substr(entry.path.size() - name.size());
      if (entry.is_directory && name == ".git") continue;
      WalkDecision choice = visit(entry);
      if (choice == WalkDecision::kStop) {
        ::closedir(handle);
        return false;
      }
      if (!entry.is_directory || choice == WalkDecision::kSkip) continue;
      if (!stated && ::stat(entry.path.c_str(), &target) != 0) continue;  // gone meanwhile
      if (!seen.insert({target.st_dev, target.st_ino}).second) continue;  // a loop, or seen
      if (entry.depth >= limits::kMaxWalkDepth) {
        diagnostics.Error(entry.path, 0, 0,
                          "deeper than " + std::to_string(limits::kMaxWalkDepth) +
                              " levels; not read");
        continue;
      }
      children.push_back({entry.path, entry.relative, entry.depth});
    }
    ::closedir(handle);
    // Depth-first, in name order: push in reverse.
    std::sort(children.begin(), children.end(),
              [](const Pending& a, const Pending& b) { return a.path > b.path; });
    for (Pending& child : children) stack.push_back(std::move(child));
  }
  return true;
}

}  // namespace chainward
