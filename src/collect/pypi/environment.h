// Where an installed Python environment begins and ends.
//
// RECORD paths are relative to site-packages and may climb out of it to the
// environment's prefix ("../../../bin/demo-cli" from
// lib/python3.11/site-packages); they must never climb further. These
// helpers give the prefix of a site-packages directory, the Python version
// its path names, and lexical path checks shared by the reader and the
// RECORD check.
#ifndef CHAINWARD_COLLECT_PYPI_ENVIRONMENT_H_
#define CHAINWARD_COLLECT_PYPI_ENVIRONMENT_H_

#include <string>
#include <string_view>

#include "base/path.h"

namespace chainward::collect::pypi {

// The prefix of the site-packages directory `dir` (a path as given, not
// resolved): three levels up for lib/pythonX.Y/site-packages and
// lib/python3/dist-packages, two for Lib/site-packages, else `dir` itself.
std::string EnvironmentPrefix(const std::string& dir);

// "3.11" for .../lib/python3.11/site-packages, "3.13t" for python3.13t,
// "3" for Debian's lib/python3/dist-packages; "" when the path names none.
std::string PythonVersionFromPath(std::string_view dir);

// True when `relative`, a path relative to `dir` (a site-packages
// directory below `prefix`), names a place inside `prefix`: not absolute,
// no drive letter, and climbing no higher than `prefix`.
bool StaysInsidePrefix(std::string_view relative, const std::string& dir,
                       const std::string& prefix);


}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_ENVIRONMENT_H_
