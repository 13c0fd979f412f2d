// Small pure functions for pnpm-lock.yaml: dependency-path keys, link paths
// (platform filters are in platform.h).
#ifndef CHAINWARD_COLLECT_NPM_PNPM_KEY_H_
#define CHAINWARD_COLLECT_NPM_PNPM_KEY_H_

#include <string>
#include <string_view>
#include <vector>

#include "collect/npm/platform.h"

namespace chainward::collect::npm {

// The package a lockfile key names. Views into the key.
struct PnpmKey {
  std::string_view name;     // "@scope/name"; empty when the key names none
  std::string_view version;  // peer suffix removed: "1.0.0"
  bool registry = false;     // name@semver, resolved through the registry
};

// Splits a `packages` / `snapshots` key of a lockfile of major version
// `major` (5, 6 or 9): "/@s/n/1.0.0_p@1.0.0" (5.x), "/@s/n@1.0.0(p@1.0.0)"
// (6.x), "@s/n@1.0.0(p@1.0.0)" (9.x). Keys without a leading "/" in 5.x and
// 6.x ("file:lib", "registry.example/x/-/x-1.tgz") name no package: their
// entries carry `name` and `version` fields instead.
PnpmKey ParsePnpmKey(std::string_view key, int major);

// "name@1.0.0(peer@1.0.0)(other@2.0.0)" -> "name@1.0.0".
std::string_view StripPnpmPeers(std::string_view key);

// The importer-relative path `relative` ("../b") resolved against the
// importer `base` ("packages/a", "." for the root), normalised: "packages/b".
std::string JoinPnpmPath(std::string_view base, std::string_view relative);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_PNPM_KEY_H_
