// Paths named inside requirements files, and the scan root they must stay in.
//
// A requirements file is input from the scanned tree: "-r ../../etc/x" or a
// symbolic link "base.txt -> /home/user/.netrc" must not make chainward read
// outside the tree it was pointed at. Every path is checked twice: lexically
// ("a/../../b" leaves the root) and after resolving links (realpath must
// stay under the root's realpath).
#ifndef CHAINWARD_COLLECT_PYPI_REQUIREMENTS_PATHS_H_
#define CHAINWARD_COLLECT_PYPI_REQUIREMENTS_PATHS_H_

#include <string>
#include <string_view>

#include "base/path.h"
#include "collect/pypi/requirements_forms.h"

namespace chainward::collect::pypi {

// The scan root, by its lexical and its real path.
class ScanRoot {
 public:
  // `root` is made absolute; an unresolvable root has no real path, and
  // then nothing is inside it.
  explicit ScanRoot(std::string_view root);

  enum class Check { kInside, kOutside, kLinkOutside, kMissing };
  // Whether the absolute, normalized `path` lies inside the root both
  // lexically and through its links; `real` gets its real path when it
  // exists.
  Check Resolve(const std::string& path, std::string* real) const;

  const std::string& path() const { return lexical_; }

 private:
  std::string lexical_;
  std::string real_;
};

// LocalPaths on the file system: paths relative to `base` (an absolute
// folder), answered only inside `root`.
class RootedLocalPaths : public LocalPaths {
 public:
  RootedLocalPaths(const ScanRoot& root, std::string base) : root_(root), base_(std::move(base)) {}
  Kind Stat(std::string_view path) const override;
  std::optional<LocalProject> Project(std::string_view directory) const override;

 private:
  const ScanRoot& root_;
  std::string base_;
};

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REQUIREMENTS_PATHS_H_
