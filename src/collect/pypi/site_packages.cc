// One site-packages directory, read the way importlib.metadata and the site
// module see it.
//
// The directory is listed once, in name order. Each entry is one of:
//
//   Demo_Lib-1.0.0.dist-info/   METADATA, RECORD, INSTALLER, REQUESTED,
//                               direct_url.json            (PEP 376/610/627)
//   six-1.16.0.egg-info/        PKG-INFO, installed-files.txt (setuptools)
//   distutils_app-1.0.egg-info  a file holding PKG-INFO     (distutils)
//   litellm_init.pth            read like site.addpackage() (pth_file.h)
//
// and everything else (packages, modules) belongs to some RECORD. After the
// listing, one pass ties each .pth file to the distribution whose RECORD (or
// installed-files.txt) lists it and resolves Requires-Dist to edges between
// installed distributions. Links are resolved only to check they stay inside
// the environment's prefix; one that leaves is reported and not followed.
#include "collect/pypi/site_packages.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "base/file.h"
#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/environment.h"
#include "collect/pypi/file_digest.h"
#include "collect/pypi/pep508.h"

namespace chainward::collect::pypi {

namespace {

// Reads at most `max_bytes` from the start of the regular file `path`
// (following links), and its full size.
Result<std::pair<std::string, std::uint64_t>> ReadHead(const std::string& path,
                                                       std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    return Fail(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                path + ": cannot open: " + std::strerror(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kIo, path + ": not a regular file");
  }
  std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
  std::string out(static_cast<std::size_t>(std::min<std::uint64_t>(size, max_bytes)), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return std::make_pair(std::move(out), size);
}

// `error`, whose message starts with the absolute path `abs`, shown with
// `shown` in its place.
Error Redisplay(const Error& error, const std::string& abs, const std::string& shown) {
  if (!StartsWith(error.message, abs)) return error;
  return Error{error.code, shown + error.message.substr(abs.size())};
}

// "Demo_Lib-1.0.0.dist-info" -> {"Demo_Lib", "1.0.0"};
// "setuptools-66.1.1-py3.11.egg-info" -> {"setuptools", "66.1.1"}.
std::pair<std::string, std::string> SplitFolderName(std::string_view name) {
  std::size_t dot = name.rfind('.');
  std::string_view stem = name.substr(0, dot);
  std::size_t dash = stem.find('-');
  if (dash == std::string_view::npos) return {std::string(stem), ""};
  std::string_view rest = stem.substr(dash + 1);
  return {std::string(stem.substr(0, dash)), std::string(rest.substr(0, rest.find('-')))};
}

class Reader {
 public:
  Reader(const std::string& dir, const std::string& display, Diagnostics& diagnostics)
      : dir_(dir), display_(display), diagnostics_(diagnostics) {}

  Result<InstalledEnvironment> Read();

 private:
  std::string Abs(std::string_view rel) const { return dir_ + "/" + std::string(rel); }
  std::string Display(std::string_view rel) const {
    return display_.empty() || display_ == "." ? std::string(rel)
                                               : display_ + "/" + std::string(rel);
  }
  // True when the entry `rel` (lstat'ed as `st`) may be read: not a link,
  // or a link that stays inside the environment. Warns otherwise.
  bool MayFollow(const std::string& rel, const struct stat& st, std::string* target);
  void ReadDistInfo(const std::string& name);
  void ReadEggInfo(const std::string& name, bool is_file);
  void ReadPth(const std::string& name, const struct stat& st);
  // Adds the distribution described by `metadata` (or by the folder name
  // when the metadata could not be read).
  Distribution& AddDistribution(const std::string& name, Distribution::Format format,
                                const Result<CoreMetadata>& metadata,
                                const std::string& metadata_file);
  void Resolve();

  std::string dir_;
  std::string display_;
  Diagnostics& diagnostics_;
  std::string prefix_real_;
  InstalledEnvironment env_;
  std::vector<std::vector<CoreMetadata::Requirement>> requires_;  // parallel to distributions
};

bool Reader::MayFollow(const std::string& rel, const struct stat& st, std::string* target) {
  if (!S_ISLNK(st.st_mode)) return true;
  std::string real = RealPath(Abs(rel));
  if (real.empty()) {
    diagnostics_.Warning(Display(rel), 0, 0, "dangling symbolic link; not read");
    return false;
  }
  if (IsInside(real, prefix_real_)) return true;
  diagnostics_.Warning(Display(rel), 0, 0,
                       "symbolic link to " + SanitizeForTerminal(real) +
                           " leaves the environment; not followed");
  if (target != nullptr) *target = real;
  return false;
}

Distribution& Reader::AddDistribution(const std::string& name, Distribution::Format format,
                                      const Result<CoreMetadata>& metadata,
                                      const std::string& metadata_file) {
  auto [folder_name, folder_version] = SplitFolderName(name);
  model::Package p;
  p.ecosystem = model::Ecosystem::kPyPI;
  p.install_path = name;
  std::vector<CoreMetadata::Requirement> requirements;
  if (metadata) {
    p.name = metadata->name;
    p.version = metadata->version;
    p.locations.push_back({Display(metadata_file), metadata->name_line, 1});
    requirements = metadata->requires_dist;
    if (NormalizeName(folder_name) != NormalizeName(p.name) ||
        (!folder_version.empty() && !p.version.empty() && folder_version != p.version)) {
      diagnostics_.Warning(Display(metadata_file), metadata->name_line, 1,
                           "folder name says \"" + SanitizeForTerminal(folder_name) + "\" " +
                               SanitizeForTerminal(folder_version) + ", metadata says \"" +
                               SanitizeForTerminal(p.name) + "\" " +
                               SanitizeForTerminal(p.version));
    }
    if (p.version.empty()) {
      diagnostics_.Warning(Display(metadata_file), 0, 0, "no Version header");
    }
  } else {
    diagnostics_.Add(metadata.error());
    p.name = folder_name;
    p.version = folder_version;
    p.locations.push_back({Display(metadata_file), 0, 0});
  }
  Distribution d;
  d.package = static_cast<std::uint32_t>(env_.source.packages.size());
  d.metadata_dir = name;
  d.format = format;
  env_.source.packages.push_back(std::move(p));
  env_.distributions.push_back(std::move(d));
  requires_.push_back(std::move(requirements));
  return env_.distributions.back();
}

void Reader::ReadDistInfo(const std::string& name) {
  std::string metadata_file = name + "/METADATA";
  Result<CoreMetadata> metadata = [&]() -> Result<CoreMetadata> {
    auto head = ReadHead(Abs(metadata_file), limits::kMaxMetadataHeaderBytes + 1);
    if (!head) return tl::unexpected(Redisplay(head.error(), Abs(metadata_file), Display(metadata_file)));
    return ParseCoreMetadata(Display(metadata_file), head->first, diagnostics_);
  }();
  Distribution& d = AddDistribution(name, Distribution::Format::kDistInfo, metadata, metadata_file);
  model::Package& p = env_.source.packages[d.package];

  if (auto installer = ReadFile(Abs(name + "/INSTALLER"), limits::kMaxDistInfoFileBytes)) {
    d.installer = std::string(Trim(std::string_view(*installer).substr(0, installer->find('\n'))));
  }
  struct stat st;
  p.flags.direct = ::stat(Abs(name + "/REQUESTED").c_str(), &st) == 0;

  std::string record_file = name + "/RECORD";
  if (auto record = ReadFile(Abs(record_file), limits::kMaxRecordBytes)) {
    auto entries = ParseRecord(Display(record_file), *record, diagnostics_);
    if (entries) {
      d.has_record = true;
      d.record = std::move(*entries);
    } else {
      diagnostics_.Add(entries.error());
    }
  } else if (record.error().code != ErrorCode::kNotFound) {
    diagnostics_.Add(Redisplay(record.error(), Abs(record_file), Display(record_file)));
  }

  std::string direct_file = name + "/direct_url.json";
  if (auto json = ReadFile(Abs(direct_file), limits::kMaxDistInfoFileBytes)) {
    auto direct = ParseDirectUrl(Display(direct_file), *json);
    if (!direct) {
      diagnostics_.Add(direct.error());
    } else {
      switch (direct->kind) {
        case DirectUrl::Kind::kVcs:
          p.kind = model::SourceKind::kGit;
          p.resolved = direct->vcs + "+" + direct->url + "@" + direct->commit_id;
          break;
        case DirectUrl::Kind::kArchive:
          p.kind = StartsWith(direct->url, "file:") ? model::SourceKind::kFile
                                                    : model::SourceKind::kTarball;
          p.resolved = direct->url;
          p.hashes = direct->hashes;
          break;
        case DirectUrl::Kind::kDirectory:
          p.kind = model::SourceKind::kFile;
          p.resolved = direct->url;
          p.flags.editable = direct->editable;
          break;
      }
      d.direct_url = std::move(*direct);
    }
  }
}

void Reader::ReadEggInfo(const std::string& name, bool is_file) {
  std::string metadata_file = is_file ? name : name + "/PKG-INFO";
  Result<CoreMetadata> metadata = [&]() -> Result<CoreMetadata> {
    auto head = ReadHead(Abs(metadata_file), limits::kMaxMetadataHeaderBytes + 1);
    if (!head) return tl::unexpected(Redisplay(head.error(), Abs(metadata_file), Display(metadata_file)));
    return ParseCoreMetadata(Display(metadata_file), head->first, diagnostics_);
  }();
  Distribution& d = AddDistribution(
      name, is_file ? Distribution::Format::kEggInfoFile : Distribution::Format::kEggInfo,
      metadata, metadata_file);
  if (is_file) return;
  // Legacy `setup.py install --record`: one path a line, relative to the
  // egg-info folder ("../six.py").
  auto files = ReadFile(Abs(name + "/installed-files.txt"), limits::kMaxDistInfoFileBytes);
  if (!files) return;
  std::string_view text = *files;
  std::uint32_t line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view path = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line;
    if (path.empty()) continue;
    if (d.record.size() == limits::kMaxRecordEntries) {
      diagnostics_.Error(Display(name + "/installed-files.txt"), line, 0,
                         "more than " + std::to_string(limits::kMaxRecordEntries) + " entries");
      break;
    }
    RecordEntry entry;
    entry.path = NormalizePath(name + "/" + std::string(path));
    entry.line = line;
    d.record.push_back(std::move(entry));
  }
}

void Reader::ReadPth(const std::string& name, const struct stat& st) {
  PthFile pth;
  pth.path = name;
  if (!MayFollow(name, st, &pth.link_target)) {
    if (!pth.link_target.empty()) env_.pth_files.push_back(std::move(pth));
    return;
  }
  auto head = ReadHead(Abs(name), limits::kMaxPthBytes);
  if (!head) {
    diagnostics_.Add(Redisplay(head.error(), Abs(name), Display(name)));
    return;
  }
  pth.size = head->second;
  pth.truncated = head->second > limits::kMaxPthBytes;
  if (pth.truncated) {
    diagnostics_.Error(Display(name), 0, 0,
                       "file is " + std::to_string(head->second) + " bytes, over the limit of " +
                           std::to_string(limits::kMaxPthBytes) + "; only the start was read");
  } else {
    pth.sha256 = EncodeHex(DigestBytes(DigestAlgorithm::kSha256, head->first));
  }
  PthContent content = ParsePth(head->first);
  pth.lines = std::move(content.lines);
  pth.valid_utf8 = content.valid_utf8;
  pth.omitted_executable = content.omitted_executable;
  if (!content.valid_utf8) {
    diagnostics_.Warning(Display(name), 0, 0,
                         "not valid UTF-8: Python 3.13 and later read it in the locale's "
                         "encoding, earlier versions stop at the first invalid byte");
  }
  if (content.omitted_lines > 0) {
    diagnostics_.Error(Display(name), 0, 0,
                       "more than " + std::to_string(limits::kMaxPthLines) + " lines; " +
                           std::to_string(content.omitted_lines) + " were not kept");
  }
  env_.pth_files.push_back(std::move(pth));
}

void Reader::Resolve() {
  std::unordered_map<std::string, std::uint32_t> by_name;
  std::unordered_map<std::string, std::uint32_t> by_path;
  for (std::uint32_t i = 0; i < env_.distributions.size(); ++i) {
    const Distribution& d = env_.distributions[i];
    const model::Package& p = env_.source.packages[d.package];
    auto [it, inserted] = by_name.emplace(NormalizeName(p.name), d.package);
    if (!inserted) {
      diagnostics_.Warning(Display(d.metadata_dir), 0, 0,
                           "\"" + SanitizeForTerminal(p.name) + "\" is installed twice: also as " +
                               env_.distributions[it->second].metadata_dir);
    }
    for (const RecordEntry& e : d.record) by_path.emplace(NormalizePath(e.path), i);
  }
  for (PthFile& pth : env_.pth_files) {
    auto it = by_path.find(pth.path);
    if (it != by_path.end()) pth.owner = it->second;
  }
  for (std::uint32_t i = 0; i < env_.distributions.size(); ++i) {
    const Distribution& d = env_.distributions[i];
    model::Package& p = env_.source.packages[d.package];
    for (const CoreMetadata::Requirement& r : requires_[i]) {
      auto parsed = ParseRequirement(r.text);
      if (!parsed) {
        diagnostics_.Warning(p.locations[0].file, r.line, 0,
                             "Requires-Dist: " + parsed.error().message);
        continue;
      }
      // Requirements of extras apply only when the extra was asked for,
      // which an installed tree does not record.
      if (parsed->marker.find("extra") != std::string::npos) continue;
      auto target = by_name.find(NormalizeName(parsed->name));
      if (target == by_name.end() || target->second == d.package) continue;
      if (std::find(p.dependencies.begin(), p.dependencies.end(), target->second) ==
          p.dependencies.end()) {
        p.dependencies.push_back(target->second);
      }
    }
  }
}

Result<InstalledEnvironment> Reader::Read() {
  env_.root = dir_;
  env_.prefix = EnvironmentPrefix(dir_);
  env_.source.format = model::SourceFormat::kSitePackages;
  env_.source.path = display_;
  prefix_real_ = RealPath(env_.prefix);
  DIR* handle = ::opendir(dir_.c_str());
  if (handle == nullptr) {
    int err = errno;
    return Fail(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                display_ + ": cannot read directory: " + std::strerror(err));
  }
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(handle)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (!EndsWith(name, ".dist-info") && !EndsWith(name, ".egg-info") && !EndsWith(name, ".pth")) {
      continue;
    }
    if (names.size() == limits::kMaxSitePackagesEntries) {
      diagnostics_.Error(display_, 0, 0,
                         "more than " + std::to_string(limits::kMaxSitePackagesEntries) +
                             " metadata entries; the rest were not read");
      break;
    }
    names.emplace_back(name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());

  if (env_.prefix != dir_) {
    if (auto cfg = ReadFile(env_.prefix + "/pyvenv.cfg", limits::kMaxDistInfoFileBytes)) {
      env_.venv = ParseVenvConfig(*cfg);
    }
  }
  env_.python_version = env_.venv && !env_.venv->version.empty() ? env_.venv->version
                                                                  : PythonVersionFromPath(dir_);
  // Reports show an environment's Python where lockfiles show their version.
  env_.source.format_version = env_.python_version;

  for (const std::string& name : names) {
    struct stat st;
    if (::lstat(Abs(name).c_str(), &st) != 0) continue;
    if (EndsWith(name, ".pth")) {
      ReadPth(name, st);
      continue;
    }
    if (!MayFollow(name, st, nullptr)) continue;
    struct stat target;
    if (::stat(Abs(name).c_str(), &target) != 0) continue;
    if (env_.source.packages.size() == limits::kMaxPackagesPerSource) {
      diagnostics_.Error(display_, 0, 0, "too many distributions; the rest were not read");
      break;
    }
    if (EndsWith(name, ".dist-info")) {
      if (S_ISDIR(target.st_mode)) ReadDistInfo(name);
    } else if (S_ISDIR(target.st_mode) || S_ISREG(target.st_mode)) {
      ReadEggInfo(name, S_ISREG(target.st_mode));
    }
  }
  Resolve();
  return std::move(env_);
}

}  // namespace

Result<InstalledEnvironment> ReadSitePackages(const std::string& dir, const std::string& display,
                                              Diagnostics& diagnostics) {
  return Reader(dir, display, diagnostics).Read();
}

}  // namespace chainward::collect::pypi
