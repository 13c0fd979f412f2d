// Fuzzes the yarn.lock reader (classic line format and Berry YAML).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/npm/yarn_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto source = chainward::collect::npm::ParseYarnLock("fuzz.lock", text, nullptr, diagnostics);
  (void)source;
  return 0;
}
