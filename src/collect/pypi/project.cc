#include "collect/pypi/project.h"

#include <sys/stat.h>

#include <optional>

#include "base/file.h"
#include "base/limits.h"
#include "base/path.h"
#include "collect/pypi/pdm_lock.h"
#include "collect/pypi/pipfile_lock.h"
#include "collect/pypi/poetry_lock.h"
#include "collect/pypi/pylock.h"
#include "collect/pypi/pyproject.h"
#include "collect/pypi/requirements.h"
#include "collect/pypi/uv_lock.h"

namespace chainward::collect::pypi {

namespace {

std::string_view BaseName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// How a file of the project is shown: display paths keep the user's
// spelling, so they are joined, not normalized.
std::string Shown(const std::string& display_dir, std::string_view name) {
  return display_dir.empty() ? std::string(name) : display_dir + "/" + std::string(name);
}

// The lockfiles that resolve a pyproject.toml's dependencies.
bool ResolvesPyproject(std::string_view name) {
  return IsUvLockName(name) || IsPoetryLockName(name) || IsPdmLockName(name) ||
         IsPylockName(name);
}

// Reads `path`, naming it `display` in errors.
Result<std::string> ReadShown(const std::string& path, const std::string& display,
                              std::size_t max_bytes) {
  auto content = chainward::ReadFile(path, max_bytes);
  if (!content) {
    std::string message = content.error().message;
    if (message.rfind(path, 0) == 0) message = display + message.substr(path.size());
    return Fail(content.error().code, message);
  }
  return content;
}

// The files that say what the project asked for, beside its lockfiles.
struct Declarations {
  std::optional<PyProject> pyproject;
  std::optional<PipfileNames> pipfile;
};

Result<PyProject> ReadPyProject(const std::string& dir, const std::string& display_dir,
                                Diagnostics& diagnostics) {
  std::string display = Shown(display_dir, "pyproject.toml");
  auto text = ReadShown(JoinPath(dir, "pyproject.toml"), display, limits::kMaxTomlBytes);
  if (!text) return tl::unexpected(text.error());
  return ParsePyProject(display, *text, diagnostics);
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Declarations ReadDeclarations(const std::string& dir, const std::string& display_dir,
                              bool pyproject, bool pipfile, Diagnostics& diagnostics) {
  Declarations out;
  if (pyproject) {
    auto parsed = ReadPyProject(dir, display_dir, diagnostics);
    if (parsed) {
      out.pyproject = std::move(*parsed);
    } else {
      diagnostics.Add(parsed.error());
    }
  }
  if (pipfile) {
    std::string display = Shown(display_dir, "Pipfile");
    auto text = ReadShown(JoinPath(dir, "Pipfile"), display, limits::kMaxTomlBytes);
    auto parsed = text ? ParsePipfile(display, *text)
                       : Result<PipfileNames>(tl::unexpected(text.error()));
    if (parsed) {
      out.pipfile = std::move(*parsed);
    } else {
      // The lock is still read; only its direct flags are lost.
      diagnostics.Warning("", 0, 0, parsed.error().message + " (used to find direct dependencies)");
    }
  }
  return out;
}

// Parses the lockfile `name` of the project, its declarations read.
Result<model::Source> ParseLock(std::string_view name, const std::string& display,
                                const std::string& content, const Declarations& declared,
                                Diagnostics& diagnostics) {
  const PyProject* project = declared.pyproject ? &*declared.pyproject : nullptr;
  if (IsUvLockName(name)) return ParseUvLock(display, content, diagnostics);
  if (IsPoetryLockName(name)) return ParsePoetryLock(display, content, project, diagnostics);
  if (IsPdmLockName(name)) return ParsePdmLock(display, content, project, diagnostics);
  if (IsPylockName(name)) return ParsePylock(display, content, diagnostics);
  return ParsePipfileLock(display, content, declared.pipfile ? &*declared.pipfile : nullptr,
                          diagnostics);
}

Result<model::Source> ReadLock(const std::string& path, const std::string& display,
                               const Declarations& declared, Diagnostics& diagnostics) {
  std::string_view name = BaseName(path);
  std::size_t max_bytes = name == "Pipfile.lock" ? limits::kMaxLockfileBytes : limits::kMaxTomlBytes;
  auto content = ReadShown(path, display, max_bytes);
  if (!content) return tl::unexpected(content.error());
  return ParseLock(name, display, *content, declared, diagnostics);
}

}  // namespace

FileRole RoleOf(std::string_view relative) {
  std::string_view name = BaseName(relative);
  if (IsUvLockName(name) || IsPoetryLockName(name) || IsPdmLockName(name) ||
      IsPylockName(name) || name == "Pipfile.lock") {
    return FileRole::kLockfile;
  }
  if (IsPyprojectName(name) || name == "Pipfile") return FileRole::kDeclaration;
  if (IsRequirementsFileName(relative)) return FileRole::kRequirements;
  return FileRole::kNone;
}

std::vector<model::Source> ReadProject(const std::string& dir, const std::string& display_dir,
                                       const std::string& root,
                                       const std::vector<std::string>& names,
                                       Diagnostics& diagnostics) {
  bool pyproject = false, pipfile = false, pinned = false;
  for (const std::string& name : names) {
    pyproject = pyproject || IsPyprojectName(name);
    pipfile = pipfile || name == "Pipfile";
    pinned = pinned || ResolvesPyproject(name);
  }
  Declarations declared = ReadDeclarations(dir, display_dir, pyproject, pipfile, diagnostics);

  std::vector<model::Source> sources;
  auto keep = [&](Result<model::Source> source) {
    if (source) {
      sources.push_back(std::move(*source));
    } else {
      diagnostics.Add(source.error());
    }
  };
  for (const std::string& name : names) {
    std::string path = JoinPath(dir, name);
    std::string display = Shown(display_dir, name);
    switch (RoleOf(name)) {
      case FileRole::kLockfile:
        keep(ReadLock(path, display, declared, diagnostics));
        break;
      case FileRole::kRequirements:
        keep(ReadRequirements(path, display, root, diagnostics));
        break;
      case FileRole::kDeclaration:
      case FileRole::kNone:
        break;
    }
  }
  // What pyproject.toml declares is a source of its own only when no
  // lockfile pins it: then it is all there is to check.
  if (declared.pyproject && !pinned && !declared.pyproject->source.packages.empty()) {
    sources.push_back(std::move(declared.pyproject->source));
  }
  return sources;
}

Result<model::Source> ReadDependencyFile(const std::string& path, const std::string& display,
                                         Diagnostics& diagnostics) {
  std::string_view name = BaseName(path);
  std::string dir = DirOf(path);
  std::string display_dir = display.find('/') == std::string::npos ? "" : DirOf(display);
  switch (RoleOf(name)) {
    case FileRole::kRequirements:
      return ReadRequirements(path, display, dir, diagnostics);
    case FileRole::kDeclaration: {
      if (name == "Pipfile") break;  // its lock is what gets installed
      auto project = ReadPyProject(dir, display_dir, diagnostics);
      if (!project) return tl::unexpected(project.error());
      return std::move(project->source);
    }
    case FileRole::kLockfile: {
      bool pyproject = ResolvesPyproject(name) && Exists(JoinPath(dir, "pyproject.toml"));
      bool pipfile = name == "Pipfile.lock" && Exists(JoinPath(dir, "Pipfile"));
      Declarations declared = ReadDeclarations(dir, display_dir, pyproject, pipfile, diagnostics);
      return ReadLock(path, display, declared, diagnostics);
    }
    case FileRole::kNone:
      break;
  }
  return Fail(ErrorCode::kUnsupported, display + ": not a Python dependency file chainward reads");
}

}  // namespace chainward::collect::pypi
