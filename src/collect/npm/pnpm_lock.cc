#include "collect/npm/pnpm_lock.h"

namespace chainward::collect::npm {

Result<model::Source> ParsePnpmLock(std::string_view path, std::string_view, Diagnostics& diagnostics) {
  (void)diagnostics;
  return Fail(ErrorCode::kUnsupported, std::string(path) + ": not implemented yet");
}

}  // namespace chainward::collect::npm
