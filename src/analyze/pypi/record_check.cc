// Re-hashing an environment against its RECORD files.
//
// Three passes. First, every RECORD row with a digest becomes a job, after
// its path is checked lexically: absolute paths and paths climbing past the
// environment's prefix are reported and dropped. Second, a few threads take
// jobs from a shared counter and each hashes its file in a stream, after
// checking that a link stays inside the prefix and comparing the size first
// (a size mismatch needs no hashing). Results land in the job's own slot, so
// the findings come out in RECORD order however the threads interleave.
// Third, each top-level folder a distribution installed into is walked
// (bounded, loop-safe) for code that no RECORD lists.
//
// Example, from the tampered test environment: Demo-Lib's RECORD says
//   demo_lib/core.py,sha256=cch8tbw-NepraSisHgs6TsWjAmZwEE1JLAsR94fg8lc,45
// and the file now has 78 bytes: CW-RECORD-MODIFIED, high (a .py), at the
// file and at RECORD line 12. demo_lib/_update.py, listed nowhere, is
// CW-RECORD-UNLISTED; demo_lib/notes.txt, listed nowhere but not code, is
// left alone.
#include "analyze/pypi/record_check.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <thread>
#include <unordered_set>

#include "base/limits.h"
#include "base/path.h"
#include "base/text.h"
#include "base/walk.h"
#include "collect/pypi/environment.h"
#include "collect/pypi/file_digest.h"

namespace chainward::analyze::pypi {

namespace {

using collect::pypi::DigestAlgorithm;
using collect::pypi::Distribution;
using collect::pypi::InstalledEnvironment;
using collect::pypi::RecordEntry;

// Findings of one kind listed per distribution; the rest are counted in a
// warning. A hostile RECORD can list a million files.
constexpr std::size_t kMaxFindingsPerKind = 200;
// Missing paths named in the one missing-files finding.
constexpr std::size_t kMissingNamed = 5;

struct Job {
  std::uint32_t dist = 0;
  const RecordEntry* entry = nullptr;
  std::string relative;  // normalised, relative to site-packages
  std::string beneath;   // the same file relative to the environment's prefix
  DigestAlgorithm algorithm = DigestAlgorithm::kSha256;
  enum class Outcome { kSame, kModified, kMissing, kSkipped } outcome = Outcome::kSkipped;
  std::string detail;  // kModified: what differs; kSkipped: why
  bool executable = false;
};

std::string Shown(const InstalledEnvironment& env, const std::string& relative) {
  const std::string& display = env.source.path;
  if (display.empty() || display == ".") return relative;
  return NormalizePath(display + "/" + relative);
}

// `relative` (to site-packages) as people name it: "demo_lib/core.py", and
// "bin/demo-cli" (relative to the prefix) for "../../../bin/demo-cli".
std::string Named(const InstalledEnvironment& env, const std::string& relative) {
  if (!StartsWith(relative, "../")) return relative;
  std::string root = NormalizePath(env.root), prefix = NormalizePath(env.prefix);
  if (root.size() <= prefix.size() || root.compare(0, prefix.size(), prefix) != 0) return relative;
  std::string below = prefix.empty() ? root : root.substr(prefix.size() + 1);
  return NormalizePath(below + "/" + relative);
}

std::string NameVersion(const InstalledEnvironment& env, std::uint32_t dist) {
  const model::Package& p = env.source.packages[env.distributions[dist].package];
  return p.version.empty() ? p.name : p.name + " " + p.version;
}

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Why the file at `relative` counts as code, or "" when it does not.
std::string CodeReason(std::string_view relative, bool executable) {
  std::string lower = Lower(relative);
  for (std::string_view ext : {".py", ".pyw", ".pth", ".so", ".pyd", ".dll", ".dylib", ".exe",
                               ".bat", ".cmd", ".ps1", ".sh"}) {
    if (EndsWith(lower, ext)) return "code (" + std::string(ext) + ")";
  }
  if (lower.find(".so.") != std::string::npos) return "code (shared library)";
  if (StartsWith(relative, "../")) {
    std::size_t slash = relative.rfind('/');
    std::string_view dir = relative.substr(0, slash);
    if (EndsWith(dir, "/bin") || EndsWith(dir, "/Scripts")) return "script";
  }
  if (executable) return "executable (exec bit set)";
  return {};
}

// "ELF binary", "PE (Windows) binary", "Mach-O binary" from the file's first bytes.
std::string Magic(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return {};
  unsigned char b[4] = {0, 0, 0, 0};
  ssize_t n = ::read(fd, b, sizeof b);
  ::close(fd);
  if (n >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') return "ELF binary";
  if (n >= 2 && b[0] == 'M' && b[1] == 'Z') return "PE (Windows) binary";
  if (n >= 4) {
    unsigned v = (unsigned{b[0]} << 24) | (unsigned{b[1]} << 16) | (unsigned{b[2]} << 8) | b[3];
    if (v == 0xFEEDFACEu || v == 0xFEEDFACFu || v == 0xCEFAEDFEu || v == 0xCFFAEDFEu ||
        v == 0xCAFEBABEu) {
      return "Mach-O binary";
    }
  }
  return {};
}

// Opens `relative` below the directory `dir_fd` for reading, the kernel
// refusing any resolution that leaves it ("..", an absolute or escaping
// link: EXDEV) in the same call. -1 with ENOSYS before Linux 5.6 or where a
// sandbox filters openat2.
int OpenBeneath(int dir_fd, const std::string& relative) {
  struct open_how how;
  std::memset(&how, 0, sizeof how);
  how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, dir_fd, relative.c_str(), &how, sizeof how));
}

// Opens the file of `job` for reading, or says why not in `job`. A link is
// followed only while it stays inside the environment's prefix. With
// `prefix_fd` one openat2 call resolves and checks the whole path; without
// it (or on kernels without openat2) the final link is resolved by hand.
int OpenJobFile(Job& job, const std::string& abs, int prefix_fd, const std::string& prefix_real) {
  if (prefix_fd >= 0) {
    int fd = OpenBeneath(prefix_fd, job.beneath);
    if (fd >= 0) return fd;
    if (errno == ENOENT || errno == ENOTDIR) {
      job.outcome = Job::Outcome::kMissing;
      return -1;
    }
    if (errno != EXDEV && errno != ENOSYS && errno != EPERM) {
      job.detail = "cannot read";
      return -1;
    }
    // EXDEV: a link on the way leaves, or is absolute (and may still land
    // inside): decided below as without openat2.
  }
  struct stat st;
  if (::lstat(abs.c_str(), &st) != 0) {
    job.outcome = errno == ENOENT || errno == ENOTDIR ? Job::Outcome::kMissing : Job::Outcome::kSkipped;
    job.detail = "cannot read";
    return -1;
  }
  std::string real = RealPath(abs);
  if (real.empty()) {
    job.outcome = Job::Outcome::kMissing;
    return -1;
  }
  if (!IsInside(real, prefix_real)) {
    job.detail = "symbolic link to " + SanitizeForTerminal(real) +
                 " leaves the environment; not read";
    return -1;
  }
  int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) job.detail = "cannot read";
  return fd;
}

void RunJob(Job& job, const InstalledEnvironment& env, int prefix_fd,
            const std::string& prefix_real) {
  const std::string abs = env.root + "/" + job.entry->path;
  int fd = OpenJobFile(job, abs, prefix_fd, prefix_real);
  if (fd < 0) return;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    job.detail = "not a regular file; not checked";
    return;
  }
  job.executable = (st.st_mode & 0111) != 0;
  std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
  if (job.entry->size && *job.entry->size != size) {
    ::close(fd);
    job.outcome = Job::Outcome::kModified;
    job.detail = "RECORD says " + std::to_string(*job.entry->size) + " bytes, the file has " +
                 std::to_string(size);
    return;
  }
  auto digest = collect::pypi::DigestOpenFile(fd, size, abs, job.algorithm,
                                              limits::kMaxHashedFileBytes);
  ::close(fd);
  if (!digest) {
    job.detail = digest.error().code == ErrorCode::kLimit
                     ? "larger than " + std::to_string(limits::kMaxHashedFileBytes) +
                           " bytes; not checked"
                     : "cannot read; not checked";
    return;
  }
  std::string expected = job.entry->digest;
  while (!expected.empty() && expected.back() == '=') expected.pop_back();
  std::string b64 = collect::pypi::EncodeBase64UrlNoPad(digest->digest);
  std::string hex = collect::pypi::EncodeHex(digest->digest);
  if (expected == b64 || Lower(expected) == hex) {
    job.outcome = Job::Outcome::kSame;
    return;
  }
  if (expected.size() != b64.size() && expected.size() != hex.size()) {
    job.detail = "the RECORD digest is not a " + Lower(job.entry->algorithm) +
                 " digest in base64url or hex; not checked";
    return;
  }
  job.outcome = Job::Outcome::kModified;
  std::string actual = expected.size() == hex.size() ? hex : b64;
  job.detail = Lower(job.entry->algorithm) + " differs: RECORD has " +
               SanitizeForTerminal(job.entry->digest) + ", the file has " + actual;
}

model::Finding Base(const InstalledEnvironment& env, std::uint32_t dist) {
  const model::Package& p = env.source.packages[env.distributions[dist].package];
  model::Finding f;
  f.kind = "record";
  f.ecosystem = model::Ecosystem::kPyPI;
  f.name = p.name;
  f.version = p.version;
  f.purl = model::Purl(p);
  return f;
}

class Checker {
 public:
  Checker(const InstalledEnvironment& env, Diagnostics& diagnostics)
      : env_(env), diagnostics_(diagnostics) {}

  Result<std::vector<model::Finding>> Run();

 private:
  std::string RecordFile(std::uint32_t dist) const {
    return Shown(env_, env_.distributions[dist].metadata_dir + "/RECORD");
  }
  void PlanJobs();
  void Hash();
  void Report(std::uint32_t dist, std::vector<model::Finding>& out);
  void FindUnlisted();

  const InstalledEnvironment& env_;
  Diagnostics& diagnostics_;
  // FindUnlisted runs beside the hashing threads and reports here; merged
  // into diagnostics_ after both finish, in a stable order.
  Diagnostics unlisted_diagnostics_;
  std::string prefix_real_;
  int prefix_fd_ = -1;  // the prefix, opened once; -1 when it cannot be
  std::string root_below_prefix_;  // site-packages relative to the prefix
  std::vector<Job> jobs_;
  std::unordered_set<std::string> listed_;
  std::vector<std::vector<model::Finding>> unlisted_;  // per distribution
};

void Checker::PlanJobs() {
  for (std::uint32_t i = 0; i < env_.distributions.size(); ++i) {
    const Distribution& d = env_.distributions[i];
    for (const RecordEntry& e : d.record) {
      std::string relative = NormalizePath(e.path);
      listed_.insert(relative);
      if (!d.has_record) continue;
      if (!collect::pypi::StaysInsidePrefix(e.path, env_.root, env_.prefix)) {
        diagnostics_.Warning(RecordFile(i), e.line, 1,
                             "path \"" + SanitizeForTerminal(e.path) +
                                 "\" leaves the environment; not read");
        continue;
      }
      if (e.algorithm.empty()) continue;
      auto algorithm = collect::pypi::ParseDigestAlgorithm(e.algorithm);
      if (!algorithm) {
        diagnostics_.Warning(RecordFile(i), e.line, 1,
                             "hash algorithm \"" + SanitizeForTerminal(e.algorithm) +
                                 "\" is not checked");
        continue;
      }
      Job job;
      job.dist = i;
      job.entry = &e;
      job.beneath = NormalizePath(root_below_prefix_ + "/" + relative);
      job.relative = std::move(relative);
      job.algorithm = *algorithm;
      jobs_.push_back(std::move(job));
    }
  }
}

void Checker::Hash() {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>({threads, limits::kMaxHashThreads,
                                static_cast<unsigned>(std::max<std::size_t>(jobs_.size(), 1))});
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < jobs_.size(); i = next++) {
      RunJob(jobs_[i], env_, prefix_fd_, prefix_real_);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

void Checker::Report(std::uint32_t dist, std::vector<model::Finding>& out) {
  const Distribution& d = env_.distributions[dist];
  std::size_t modified = 0;
  std::vector<const Job*> missing;
  for (const Job& job : jobs_) {
    if (job.dist != dist) continue;
    if (job.outcome == Job::Outcome::kSkipped) {
      diagnostics_.Warning(Shown(env_, job.relative), 0, 0, job.detail);
    } else if (job.outcome == Job::Outcome::kMissing) {
      missing.push_back(&job);
    } else if (job.outcome == Job::Outcome::kModified && modified++ < kMaxFindingsPerKind) {
      model::Finding f = Base(env_, dist);
      std::string reason = CodeReason(job.relative, job.executable);
      f.id = "CW-RECORD-MODIFIED";
      f.severity = reason.empty() ? model::Severity::kMedium : model::Severity::kHigh;
      f.summary = Named(env_, job.relative) + " differs from the RECORD of " + NameVersion(env_, dist);
      f.note = job.detail;
      if (d.installer == "conda") {
        f.note += "; conda rewrites install prefixes in some files, which changes their digest";
      }
      f.locations.push_back({Shown(env_, job.relative), 0, 0});
      f.locations.push_back({RecordFile(dist), job.entry->line, 1});
      out.push_back(std::move(f));
    }
  }
  if (modified > kMaxFindingsPerKind) {
    diagnostics_.Warning(RecordFile(dist), 0, 0,
                         std::to_string(modified) + " files differ; the first " +
                             std::to_string(kMaxFindingsPerKind) + " are reported");
  }
  if (!missing.empty()) {
    model::Finding f = Base(env_, dist);
    f.id = "CW-RECORD-MISSING";
    f.severity = model::Severity::kLow;
    f.summary = std::to_string(missing.size()) + (missing.size() == 1 ? " file" : " files") +
                " listed in the RECORD of " + NameVersion(env_, dist) + " " +
                (missing.size() == 1 ? "is" : "are") + " missing";
    f.note = "missing: ";
    for (std::size_t i = 0; i < missing.size() && i < kMissingNamed; ++i) {
      f.note += (i > 0 ? ", " : "") + Named(env_, missing[i]->relative);
      f.locations.push_back({RecordFile(dist), missing[i]->entry->line, 1});
    }
    if (missing.size() > kMissingNamed) {
      f.note += " and " + std::to_string(missing.size() - kMissingNamed) + " more";
    }
    out.push_back(std::move(f));
  }
  for (model::Finding& f : unlisted_[dist]) out.push_back(std::move(f));
}

void Checker::FindUnlisted() {
  // Top-level folders each distribution installed into.
  std::map<std::string, std::vector<std::uint32_t>> folders;
  for (std::uint32_t i = 0; i < env_.distributions.size(); ++i) {
    for (const RecordEntry& e : env_.distributions[i].record) {
      std::string relative = NormalizePath(e.path);
      std::size_t slash = relative.find('/');
      if (slash == std::string::npos || relative[0] == '/') continue;
      std::string top = relative.substr(0, slash);
      if (top == ".." || top == "__pycache__" || EndsWith(top, ".dist-info") ||
          EndsWith(top, ".egg-info")) {
        continue;
      }
      std::vector<std::uint32_t>& owners = folders[top];
      if (std::find(owners.begin(), owners.end(), i) == owners.end()) owners.push_back(i);
    }
  }
  std::vector<std::size_t> counts(env_.distributions.size(), 0);
  Diagnostics walk;
  for (const auto& folder : folders) {
    // Named copies: lambdas cannot capture structured bindings before C++20's
    // later revisions (clang 14).
    const std::string& top = folder.first;
    const std::vector<std::uint32_t>& owners = folder.second;
    std::string abs = env_.root + "/" + top;
    std::string real = RealPath(abs);
    if (real.empty()) continue;  // the folder is gone: its files are missing
    if (!IsInside(real, prefix_real_)) {
      unlisted_diagnostics_.Warning(Shown(env_, top), 0, 0, "symbolic link to " + SanitizeForTerminal(real) +
                                                       " leaves the environment; not followed");
      continue;
    }
    std::uint32_t owner = owners[0];
    Walk(
        abs,
        [&](const WalkEntry& entry) {
          if (entry.is_directory) {
            return entry.name == "__pycache__" ? WalkDecision::kSkip : WalkDecision::kDescend;
          }
          std::string relative = top + "/" + entry.relative;
          if (EndsWith(relative, ".pyc") || listed_.count(relative) > 0) {
            return WalkDecision::kDescend;
          }
          struct stat st;
          bool executable = ::stat(entry.path.c_str(), &st) == 0 && (st.st_mode & 0111) != 0;
          std::string reason = CodeReason(relative, executable);
          if (reason.empty()) reason = Magic(entry.path);
          if (reason.empty()) return WalkDecision::kDescend;
          if (counts[owner]++ >= kMaxFindingsPerKind) return WalkDecision::kDescend;
          model::Finding f = Base(env_, owner);
          f.id = "CW-RECORD-UNLISTED";
          f.severity = model::Severity::kHigh;
          f.summary = relative + " is not installed by " + NameVersion(env_, owner) +
                      "; possibly dropped later";
          f.note = "no RECORD lists this " + reason;
          if (owners.size() > 1) {
            f.note += "; " + top + "/ is shared with";
            for (std::size_t k = 1; k < owners.size(); ++k) f.note += " " + NameVersion(env_, owners[k]);
          }
          f.locations.push_back({Shown(env_, relative), 0, 0});
          unlisted_[owner].push_back(std::move(f));
          return WalkDecision::kDescend;
        },
        walk);
  }
  // The walk names files by absolute path; show them as the rest are shown,
  // and leave out links a RECORD lists: the digest pass reported those.
  for (const Diagnostic& item : walk.items()) {
    std::string file = item.file;
    if (StartsWith(file, env_.root + "/")) {
      std::string relative = file.substr(env_.root.size() + 1);
      if (listed_.count(relative) > 0) continue;
      file = Shown(env_, relative);
    }
    if (item.level == Diagnostic::Level::kError) {
      unlisted_diagnostics_.Error(file, item.line, item.column, item.message);
    } else {
      unlisted_diagnostics_.Warning(file, item.line, item.column, item.message);
    }
  }
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > kMaxFindingsPerKind) {
      unlisted_diagnostics_.Warning(Shown(env_, env_.distributions[i].metadata_dir), 0, 0,
                           std::to_string(counts[i]) + " unlisted code files; the first " +
                               std::to_string(kMaxFindingsPerKind) + " are reported");
    }
  }
}

Result<std::vector<model::Finding>> Checker::Run() {
  prefix_real_ = RealPath(env_.prefix);
  if (prefix_real_.empty() || RealPath(env_.root).empty()) {
    return Fail(ErrorCode::kIo, env_.source.path + ": cannot resolve the environment's path");
  }
  unlisted_.resize(env_.distributions.size());
  std::string root = NormalizePath(env_.root), prefix = NormalizePath(env_.prefix);
  root_below_prefix_ = root.size() > prefix.size() && IsInside(root, prefix)
                           ? root.substr(prefix == "/" ? 1 : prefix.size() + 1)
                           : ".";
  prefix_fd_ = ::open(prefix_real_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  PlanJobs();
  // The walk for unlisted files needs only the listed paths: it runs on its
  // own thread while the others hash.
  std::thread unlisted([this] { FindUnlisted(); });
  Hash();
  unlisted.join();
  if (prefix_fd_ >= 0) ::close(prefix_fd_);
  std::vector<model::Finding> out;
  for (std::uint32_t i = 0; i < env_.distributions.size(); ++i) Report(i, out);
  for (const Diagnostic& d : unlisted_diagnostics_.items()) {
    if (d.level == Diagnostic::Level::kError) {
      diagnostics_.Error(d.file, d.line, d.column, d.message);
    } else {
      diagnostics_.Warning(d.file, d.line, d.column, d.message);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<model::Finding>> CheckRecords(const InstalledEnvironment& environment,
                                                 Diagnostics& diagnostics) {
  return Checker(environment, diagnostics).Run();
}

}  // namespace chainward::analyze::pypi
