#include "collect/npm/package_lock.h"

namespace chainward::collect::npm {

Result<model::Source> ParsePackageLock(std::string_view path, std::string_view, model::SourceFormat, const Manifest*, Diagnostics& diagnostics) {
  (void)diagnostics;
  return Fail(ErrorCode::kUnsupported, std::string(path) + ": not implemented yet");
}

}  // namespace chainward::collect::npm
