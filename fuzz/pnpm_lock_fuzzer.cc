// Fuzzes the pnpm-lock.yaml parser: it must return a Source or an Error for
// every input, never crash, hang or read out of bounds, and every edge of a
// returned Source must name a package of it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "collect/npm/pnpm_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto source = chainward::collect::npm::ParsePnpmLock("pnpm-lock.yaml", text,
                                                      diagnostics);
  if (!source) return 0;
  for (const auto& package : source->packages) {
    for (std::uint32_t edge : package.dependencies) {
      if (edge >= source->packages.size()) __builtin_trap();
    }
  }
  return 0;
}
