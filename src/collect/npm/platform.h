// npm's platform filters: which packages a host would install.
#ifndef CHAINWARD_COLLECT_NPM_PLATFORM_H_
#define CHAINWARD_COLLECT_NPM_PLATFORM_H_

#include <string>
#include <string_view>
#include <vector>

namespace chainward::collect::npm {

// A host as npm names it: os "linux" / "darwin" / "win32" / ..., cpu "x64" /
// "arm64" / ..., libc "glibc" / "musl" (empty off Linux).
struct Platform {
  std::string os;
  std::string cpu;
  std::string libc;
};

// The machine chainward runs on, determined once.
const Platform& HostPlatform();

// True when a package's "os" / "cpu" / "libc" restrictions exclude
// `platform`, as npm evaluates them: an entry "!x" excludes x; a list with
// positive entries admits only those.
bool ExcludesPlatform(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                      const std::vector<std::string>& libc, const Platform& platform);

// ExcludesPlatform for HostPlatform().
bool ExcludesThisHost(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                      const std::vector<std::string>& libc);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_PLATFORM_H_
