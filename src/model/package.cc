#include "model/package.h"

namespace chainward::model {

std::string_view EcosystemName(Ecosystem ecosystem) {
  switch (ecosystem) {
    case Ecosystem::kNpm: return "npm";
    case Ecosystem::kPyPI: return "PyPI";
  }
  return "unknown";
}

std::string_view SourceKindName(SourceKind kind) {
  switch (kind) {
    case SourceKind::kRegistry: return "registry";
    case SourceKind::kGit: return "git";
    case SourceKind::kTarball: return "tarball";
    case SourceKind::kFile: return "file";
    case SourceKind::kLink: return "link";
    case SourceKind::kWorkspace: return "workspace";
  }
  return "unknown";
}

std::string_view SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kPackageLock: return "package-lock";
    case SourceFormat::kShrinkwrap: return "npm-shrinkwrap";
    case SourceFormat::kHiddenLockfile: return "hidden-lockfile";
    case SourceFormat::kYarnV1: return "yarn-v1";
    case SourceFormat::kYarnBerry: return "yarn-berry";
    case SourceFormat::kPnpmLock: return "pnpm-lock";
    case SourceFormat::kBunLock: return "bun-lock";
    case SourceFormat::kNodeModules: return "node_modules";
    case SourceFormat::kRequirements: return "requirements";
    case SourceFormat::kPoetryLock: return "poetry-lock";
    case SourceFormat::kUvLock: return "uv-lock";
    case SourceFormat::kPipfileLock: return "pipfile-lock";
    case SourceFormat::kPdmLock: return "pdm-lock";
    case SourceFormat::kPylock: return "pylock";
    case SourceFormat::kPyproject: return "pyproject";
    case SourceFormat::kSitePackages: return "site-packages";
  }
  return "unknown";
}

std::string NormalizedName(Ecosystem ecosystem, std::string_view name) {
  if (ecosystem != Ecosystem::kPyPI) return std::string(name);
  // PEP 503: re.sub(r"[-_.]+", "-", name).lower().
  std::string out;
  out.reserve(name.size());
  bool in_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string Package::Display() const {
  if (version.empty()) return name;
  return name + "@" + version;
}

namespace {

// Percent-encodes everything but the purl spec's unreserved characters.
void AppendEncoded(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                      c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

}  // namespace

std::string Purl(Ecosystem ecosystem, std::string_view name,
                 std::string_view version) {
  std::string out = "pkg:";
  out += ecosystem == Ecosystem::kNpm ? "npm" : "pypi";
  out += '/';
  if (ecosystem == Ecosystem::kNpm && !name.empty() && name[0] == '@') {
    std::size_t slash = name.find('/');
    if (slash != std::string_view::npos) {
      AppendEncoded(out, name.substr(0, slash));  // the scope, "%40scope"
      out += '/';
      name = name.substr(slash + 1);
    }
  }
  if (ecosystem == Ecosystem::kPyPI) {
    // The purl spec's pypi type: lower case, "_" written as "-".
    std::string lowered(name);
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '_') c = '-';
    }
    AppendEncoded(out, lowered);
  } else {
    AppendEncoded(out, name);
  }
  if (!version.empty()) {
    out += '@';
    AppendEncoded(out, version);
  }
  return out;
}

}  // namespace chainward::model
