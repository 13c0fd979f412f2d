// Installed Python environments: one site-packages (or Debian's
// dist-packages) directory, read from the metadata installers leave in it.
//
// Every *.dist-info folder (wheels installed by pip, uv, conda, Poetry) and
// every *.egg-info folder or file (setup.py installs, Debian packages) is one
// Distribution and one model::Package; every top-level *.pth file is read as
// Python's site module reads it and tied to the distribution whose RECORD
// lists it. Nothing is executed and nothing is written.
#ifndef CHAINWARD_COLLECT_PYPI_SITE_PACKAGES_H_
#define CHAINWARD_COLLECT_PYPI_SITE_PACKAGES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "collect/pypi/dist_info.h"
#include "collect/pypi/pth_file.h"
#include "model/package.h"

namespace chainward::collect::pypi {

struct Distribution {
  std::uint32_t package = 0;  // index into InstalledEnvironment::source.packages
  std::string metadata_dir;   // relative to site-packages: "Demo_Lib-1.0.0.dist-info"
  enum class Format { kDistInfo, kEggInfo, kEggInfoFile };
  Format format = Format::kDistInfo;
  std::string installer;      // the first line of INSTALLER: "pip", "uv", "conda"
  bool has_record = false;    // a RECORD was read (dist-info only)
  // RECORD rows; for an egg-info, the paths of installed-files.txt made
  // relative to site-packages (no hashes). Empty when there is neither.
  std::vector<RecordEntry> record;
  std::optional<DirectUrl> direct_url;
};

struct PthFile {
  std::string path;    // relative to site-packages: "litellm_init.pth"
  std::string sha256;  // hex of the whole file; empty when not read whole
  std::uint64_t size = 0;
  std::vector<PthLine> lines;
  std::optional<std::uint32_t> owner;  // the distribution whose RECORD lists it
  bool truncated = false;      // larger than limits::kMaxPthBytes: only the start was read
  bool valid_utf8 = true;
  std::uint32_t omitted_executable = 0;  // executable lines past limits::kMaxPthLines
  // Set when the .pth is a symbolic link leaving the environment: where it
  // points. Such a file is not read (Python would read it).
  std::string link_target;
};

// pyvenv.cfg of a virtual environment (PEP 405).
struct VenvConfig {
  std::string home;     // the base interpreter's directory
  std::string version;  // "version" or "version_info" as written: "3.11.2"
  bool include_system_site_packages = false;
};

struct InstalledEnvironment {
  std::string root;    // the site-packages directory, as given
  // The environment's prefix: RECORD paths may reach up to it
  // ("../../../bin/demo-cli") and never beyond. The venv or conda root, or
  // the directory three levels up from lib/pythonX.Y/site-packages; the
  // site-packages directory itself when its layout is unknown.
  std::string prefix;
  model::Source source;  // format kSitePackages, path = the display name
  std::vector<Distribution> distributions;  // parallel to source.packages
  std::vector<PthFile> pth_files;           // sorted by path
  std::string python_version;  // "3.11.2" (pyvenv.cfg), "3.11" or "3" (path); may be empty
  std::optional<VenvConfig> venv;
};

// Reads the site-packages directory `dir`. `display` is how it is shown in
// Locations and messages ("venv/lib/python3.11/site-packages").
// Every problem inside one distribution or .pth file goes to `diagnostics`
// with the file and line, and the rest of the environment is read:
// unreadable or malformed metadata, a folder name that disagrees with its
// METADATA (warning), a RECORD row that cannot be parsed, an entry over a
// limit, a symbolic link out of the environment (warning; never followed).
// Errors: kNotFound / kIo when `dir` is not a readable directory.
Result<InstalledEnvironment> ReadSitePackages(const std::string& dir, const std::string& display,
                                              Diagnostics& diagnostics);

// True when the last component of `dir` is "site-packages" or
// "dist-packages".
bool LooksLikeSitePackages(std::string_view dir);

// True when `dir` is the root of a Python environment: it holds pyvenv.cfg
// (venv, virtualenv, uv) or a conda-meta directory (conda).
bool IsPythonEnvironmentRoot(const std::string& dir);

// The site-packages directories of the environment rooted at `env_root`,
// relative to it and sorted: lib/python*/site-packages (lib64 too, once
// when it is a link to lib) and Lib/site-packages (Windows layouts). Never
// follows a link out of `env_root`.
std::vector<std::string> FindSitePackages(const std::string& env_root);

// Parses pyvenv.cfg ("key = value" lines, keys without regard to case).
VenvConfig ParseVenvConfig(std::string_view text);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_SITE_PACKAGES_H_
