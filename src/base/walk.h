// A bounded, loop-safe directory walk.
//
// Scanned trees are hostile: symlink loops, links pointing at / or at the
// user's home, millions of entries, unreadable folders. The walk is
// iterative (an explicit stack), caps depth and entry count (base/limits.h),
// remembers the (device, inode) of every directory it entered so a loop ends,
// and never follows a symbolic link whose target lies outside the root.
// Problems are reported to Diagnostics and the walk goes on.
#ifndef CHAINWARD_BASE_WALK_H_
#define CHAINWARD_BASE_WALK_H_

#include <functional>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace chainward {

struct WalkEntry {
  std::string path;      // the root joined with the relative path
  std::string relative;  // relative to the root; "" for the root itself
  std::string_view name; // last component
  bool is_directory = false;
  bool is_symlink = false;  // reached through a symbolic link
  int depth = 0;            // 0 for the root
};

enum class WalkDecision { kDescend, kSkip, kStop };

// Walks `root` depth-first. `visit` is called for the root, every directory
// and every regular file (and for links to them inside the tree); its answer
// for a directory says whether to enter it. `.git` directories are never
// entered. Returns false when the walk stopped early (kStop or a limit).
bool Walk(const std::string& root, const std::function<WalkDecision(const WalkEntry&)>& visit,
          Diagnostics& diagnostics);

}  // namespace chainward

#endif  // CHAINWARD_BASE_WALK_H_
