#include "collect/npm/platform.h"

#include <sys/utsname.h>

#include <filesystem>

namespace chainward::collect::npm {

namespace {

bool Excludes(const std::vector<std::string>& list, std::string_view host) {
  bool any_positive = false;
  bool matched = false;
  for (const std::string& e : list) {
    if (!e.empty() && e[0] == '!') {
      if (std::string_view(e).substr(1) == host) return true;
    } else {
      any_positive = true;
      if (e == host) matched = true;
    }
  }
  return any_positive && !matched;
}

Platform DetectHost() {
  Platform p;
  struct utsname u;
  std::string sys = ::uname(&u) == 0 ? u.sysname : "";
  std::string machine = ::uname(&u) == 0 ? u.machine : "";
  if (sys == "Linux") p.os = "linux";
  else if (sys == "Darwin") p.os = "darwin";
  else if (sys == "FreeBSD") p.os = "freebsd";
  else p.os = sys;
  if (machine == "x86_64" || machine == "amd64") p.cpu = "x64";
  else if (machine == "aarch64" || machine == "arm64") p.cpu = "arm64";
  else if (machine == "i686" || machine == "i386") p.cpu = "ia32";
  else p.cpu = machine;
  if (p.os == "linux") {
    // musl systems carry the musl dynamic loader; glibc ones do not.
    std::error_code ec;
    bool musl = std::filesystem::exists("/lib/ld-musl-x86_64.so.1", ec) ||
                std::filesystem::exists("/lib/ld-musl-aarch64.so.1", ec);
    p.libc = musl ? "musl" : "glibc";
  }
  return p;
}

}  // namespace

const Platform& HostPlatform() {
  static const Platform host = DetectHost();
  return host;
}

bool ExcludesPlatform(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                      const std::vector<std::string>& libc, const Platform& platform) {
  return Excludes(os, platform.os) || Excludes(cpu, platform.cpu) ||
         (!platform.libc.empty() && Excludes(libc, platform.libc));
}

bool ExcludesThisHost(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                      const std::vector<std::string>& libc) {
  return ExcludesPlatform(os, cpu, libc, HostPlatform());
}

}  // namespace chainward::collect::npm
