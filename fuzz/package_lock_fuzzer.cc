// Fuzzes the npm lockfile parser (v1 nested trees and v2/v3 maps): every
// input must give a Source or an Error, never a crash, hang or bad read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/npm/package_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto source = chainward::collect::npm::ParsePackageLock(
      "fuzz.json", text, chainward::model::SourceFormat::kPackageLock, nullptr, diagnostics);
  (void)source;
  return 0;
}
