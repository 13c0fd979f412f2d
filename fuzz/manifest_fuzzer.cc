// Fuzzes the package.json parser: it must return a value or an Error for
// every input, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/npm/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto manifest = chainward::collect::npm::ParseManifest("fuzz.json", text);
  (void)manifest;
  return 0;
}
