#include "collect/npm/yarn_lock.h"

namespace chainward::collect::npm {

Result<model::Source> ParseYarnLock(std::string_view path, std::string_view, const Manifest*, Diagnostics& diagnostics) {
  (void)diagnostics;
  return Fail(ErrorCode::kUnsupported, std::string(path) + ": not implemented yet");
}

}  // namespace chainward::collect::npm
