// Fuzzes the semver parser and ordering. The input is two versions split at
// the first newline. Parsing must never crash; parsed versions must order
// antisymmetrically and survive a round trip through ToString.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "advisory/semver.h"

using chainward::advisory::Compare;
using chainward::advisory::ParseSemVer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t newline = text.find('\n');
  std::string_view first = text.substr(0, newline);
  std::string_view second =
      newline == std::string_view::npos ? first : text.substr(newline + 1);
  auto a = ParseSemVer(first);
  auto b = ParseSemVer(second);
  if (a) {
    auto again = ParseSemVer(a->ToString());
    if (!again || Compare(*a, *again) != 0 || again->build != a->build) {
      std::abort();
    }
  }
  if (a && b && Compare(*a, *b) != -Compare(*b, *a)) std::abort();
  return 0;
}
