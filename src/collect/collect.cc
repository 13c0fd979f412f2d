#include "collect/collect.h"

namespace chainward::collect {

Result<model::Source> ReadLockfile(const std::string& path, const std::string&,
                                   Diagnostics&) {
  return Fail(ErrorCode::kUnsupported, path + ": not implemented yet");
}

std::vector<model::Source> CollectTree(const std::string&, const std::string&,
                                       Diagnostics&) {
  return {};
}

}  // namespace chainward::collect
