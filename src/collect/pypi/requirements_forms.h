// What one requirement of a requirements file names, in each of the forms
// pip accepts (the "Requirements File Format" page, and pip's
// req/constructors.py): a PEP 508 specifier, a direct URL, a VCS URL, a
// local path or archive, and the value of -e/--editable.
//
// pip decides between the forms in a fixed order, and so does this:
//
//   https://host/pkg-1.0.tar.gz#egg=pkg   a URL (a known scheme before ":")
//   ./wheels/attrs-23.2.0-py3-none-any.whl   a path (has "/" or starts with "."):
//   ./vendor/lib                          a directory, or an archive by extension
//   requests[socks]>=2.31; python_version >= "3.8"   otherwise PEP 508
//
// pip learns an unnamed URL's name by downloading and building it; chainward
// never fetches, so it takes the name from what the text gives: #egg=, a
// wheel's file name (name and version, per the binary distribution format),
// a source archive's "{name}-{version}" file name, or a local project's
// pyproject.toml. A URL whose name none of these gives is an error.
#ifndef CHAINWARD_COLLECT_PYPI_REQUIREMENTS_FORMS_H_
#define CHAINWARD_COLLECT_PYPI_REQUIREMENTS_FORMS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/pypi/requirements_text.h"
#include "model/package.h"

namespace chainward::collect::pypi {

// The name and version a local project declares.
struct LocalProject {
  std::string name;
  std::string version;  // empty when dynamic or absent
};

// Questions about local paths named by requirements, answered inside the
// scan root only. Paths are as written in the file.
class LocalPaths {
 public:
  virtual ~LocalPaths() = default;
  enum class Kind { kMissing, kFile, kDirectory, kOutside };
  // What `path` is; kOutside when it, or the target of a link in it, lies
  // outside the root.
  virtual Kind Stat(std::string_view path) const = 0;
  // The [project] name and static version of `directory`'s pyproject.toml.
  virtual std::optional<LocalProject> Project(std::string_view directory) const = 0;
};

// A problem with one requirement, at an offset in its line.
struct FormProblem {
  bool error = true;  // false: a warning, and the package is still recorded
  std::size_t at = 0;
  std::string message;  // safe to show: as written, URL userinfo redacted
};

// Reads the requirement in line.text()[begin, end) into `out` (name, version
// or specifier, markers, extras, kind, resolved, flags.editable; nothing
// else). `editable` says it is the value of -e. `local` answers questions
// about paths; without it every path-like text is taken for a directory.
// Returns false when nothing can be recorded; `problems` says why, and also
// holds warnings about a recorded package.
bool ReadRequirementForm(const MappedText& line, std::size_t begin, std::size_t end,
                         bool editable, const LocalPaths* local, model::Package& out,
                         std::vector<FormProblem>& problems);

// The name and version in a wheel's file name
// ("{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl"), with "_" in
// both read as "-" as pip does; false when it is not a wheel file name.
bool ParseWheelFileName(std::string_view file_name, std::string& name, std::string& version);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REQUIREMENTS_FORMS_H_
