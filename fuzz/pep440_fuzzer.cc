// Fuzzes the PEP 440 parser and ordering. The input is two versions split
// at the first newline (one version when there is none). Parsing must never
// crash; a parsed version must compare equal to itself, its normal form
// must parse back to a version that compares equal and normalises the same,
// and two parsed versions must order antisymmetrically.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "advisory/pep440.h"

using chainward::advisory::Compare;
using chainward::advisory::ParsePep440;
using chainward::advisory::Pep440Version;

namespace {

void CheckRoundTrip(const Pep440Version& v) {
  if (Compare(v, v) != 0) std::abort();
  std::string normal = v.Normalize();
  auto again = ParsePep440(normal);
  if (!again || Compare(v, *again) != 0 || again->Normalize() != normal) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t newline = text.find('\n');
  std::string_view first = text.substr(0, newline);
  std::string_view second =
      newline == std::string_view::npos ? first : text.substr(newline + 1);
  auto a = ParsePep440(first);
  auto b = ParsePep440(second);
  if (a) CheckRoundTrip(*a);
  if (b) CheckRoundTrip(*b);
  if (a && b) {
    if (Compare(*a, *b) != -Compare(*b, *a)) std::abort();
    if (a->Normalize() == b->Normalize() && Compare(*a, *b) != 0) std::abort();
  }
  return 0;
}
