// The nouns every stage shares: a package as a source saw it, and the source.
//
// Collectors produce Sources; analyzers read them and produce Findings;
// reporters print both. Nothing here depends on any file format.
#ifndef CHAINWARD_MODEL_PACKAGE_H_
#define CHAINWARD_MODEL_PACKAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chainward::model {

enum class Ecosystem : std::uint8_t { kNpm, kPyPI };

// The ecosystem's name as OSV spells it: "npm", "PyPI".
std::string_view EcosystemName(Ecosystem ecosystem);

// A place in a file: 1-based line and column, 0 when unknown.
struct Location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Where a package's bytes come from.
enum class SourceKind : std::uint8_t {
  kRegistry,   // a package registry, by name and version
  kGit,        // a git repository; `resolved` holds the URL and commit
  kTarball,    // a tarball at a URL given directly (not via name@version)
  kFile,       // a local directory or tarball (file:)
  kLink,       // a symlink to a local directory (link:, npm link)
  kWorkspace,  // a member of the scanned project's own workspace
};

// Stable lower-case name: "registry", "git", "tarball", "file", "link",
// "workspace".
std::string_view SourceKindName(SourceKind kind);

struct PackageFlags {
  bool dev = false;           // only needed for development of the root
  bool optional = false;      // an optional dependency (install may skip it)
  bool dev_optional = false;  // npm's devOptional: dev of root, optional elsewhere
  bool peer = false;          // installed to satisfy a peer dependency
  bool bundled = false;       // shipped inside its parent's tarball
  bool direct = false;        // a direct dependency of the root or a workspace
  bool has_install_script = false;  // preinstall/install/postinstall or binding.gyp
  bool platform_skipped = false;    // optional, and its os/cpu/libc exclude this host
  bool not_installed = false;       // listed by a lockfile but absent from the tree
  bool editable = false;            // Python: installed in development mode (pip -e)
};

// One package entry as a source recorded it. For npm aliases
// ("foo": "npm:bar@1.0.0") `name` is the real package (bar) and `alias` the
// name it is installed under (foo).
struct Package {
  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string name;
  std::string version;     // exact; empty when the source names none (file:, link:)
  std::string alias;       // empty unless installed under another name
  SourceKind kind = SourceKind::kRegistry;
  std::string resolved;    // URL, git URL#commit or path, as recorded
  std::string integrity;   // SRI ("sha512-...") or the format's checksum
  std::string install_path;  // "node_modules/a/node_modules/b" where the format has one
  // Every hash the source records for the package's files, as "algo:hex"
  // ("sha256:5d3..."): Python pins carry one per wheel and sdist. npm's
  // single SRI string stays in `integrity`.
  std::vector<std::string> hashes;
  // The version range declared where the source pins no exact version
  // (a requirements line "requests>=2.31", a pyproject dependency); empty
  // when `version` is exact.
  std::string specifier;
  std::string markers;              // PEP 508 environment marker, as written
  std::vector<std::string> extras;  // extras requested ("security", "socks")
  // The package index or registry the source says it comes from (a
  // requirements --index-url, a poetry or uv source URL); empty for the
  // default.
  std::string index;
  std::vector<std::string> os, cpu, libc;  // platform restrictions as declared
  PackageFlags flags;
  std::vector<Location> locations;  // every place this entry was seen
  // Edges, resolved by the collector: indices into Source::packages.
  std::vector<std::uint32_t> dependencies;

  // "name@version" (or the name alone when there is no version).
  std::string Display() const;
};

// The name as the ecosystem compares names: npm names as written; PyPI names
// per PEP 503 (lower case, each run of "-", "_", "." as one "-", so
// "Zope.Interface" and "zope_interface" are both "zope-interface").
std::string NormalizedName(Ecosystem ecosystem, std::string_view name);

// The package URL of `name`@`version` in `ecosystem`, as the purl spec
// writes it: "pkg:npm/%40scope/name@1.0.0", "pkg:pypi/litellm@1.82.8".
// An empty version leaves the "@version" part out.
std::string Purl(Ecosystem ecosystem, std::string_view name,
                 std::string_view version);
inline std::string Purl(const Package& p) {
  return Purl(p.ecosystem, p.name, p.version);
}

enum class SourceFormat : std::uint8_t {
  kPackageLock,      // package-lock.json (v1, v2, v3)
  kShrinkwrap,       // npm-shrinkwrap.json
  kHiddenLockfile,   // node_modules/.package-lock.json
  kYarnV1,           // yarn.lock, classic
  kYarnBerry,        // yarn.lock, Yarn 2+
  kPnpmLock,         // pnpm-lock.yaml
  kBunLock,          // bun.lock (text)
  kNodeModules,      // an installed node_modules tree
  kRequirements,     // requirements*.txt and the files it includes (-r / -c)
  kPoetryLock,       // poetry.lock (Poetry 1.x and 2.x)
  kUvLock,           // uv.lock
  kPipfileLock,      // Pipfile.lock
  kPdmLock,          // pdm.lock
  kPylock,           // pylock.toml and pylock.<name>.toml (PEP 751)
  kPyproject,        // the dependencies declared in pyproject.toml
  kSitePackages,     // an installed Python environment's site-packages
};

// Stable name: "package-lock", "npm-shrinkwrap", "hidden-lockfile",
// "yarn-v1", "yarn-berry", "pnpm-lock", "bun-lock", "node_modules",
// "requirements", "poetry-lock", "uv-lock", "pipfile-lock", "pdm-lock",
// "pylock", "pyproject", "site-packages".
std::string_view SourceFormatName(SourceFormat format);

// What one lockfile or installed tree says the project depends on.
struct Source {
  SourceFormat format = SourceFormat::kPackageLock;
  std::string path;            // the file or directory, as shown to the user
  std::string format_version;  // lockfileVersion as written: "3", "6.0", "9.0"
  std::vector<Package> packages;
};

}  // namespace chainward::model

#endif  // CHAINWARD_MODEL_PACKAGE_H_
