// Fuzzes the bun.lock parser: it must return a value or an Error for every
// input, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostics.h"
#include "collect/npm/bun_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto source = chainward::collect::npm::ParseBunLock("bun.lock", text, diagnostics);
  (void)source;
  return 0;
}
