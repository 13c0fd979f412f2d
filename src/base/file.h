// Reading whole files, bounded.
#ifndef CHAINWARD_BASE_FILE_H_
#define CHAINWARD_BASE_FILE_H_

#include <cstddef>
#include <string>

#include "base/error.h"

namespace chainward {

// Extra bytes kept readable (and zeroed) after the end of the contents of a
// string returned by ReadFile, so SIMD parsers can use it without copying.
// Equal to simdjson's SIMDJSON_PADDING.
inline constexpr std::size_t kReadPadding = 64;

// Reads the file at `path` into a string. The string's capacity is at least
// size() + kReadPadding and the padding bytes are zero.
// Errors: kNotFound when the file does not exist; kIo when it cannot be read
// or is not a regular file; kLimit when it is larger than `max_bytes`. Each
// message starts with `path`.
Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes);

}  // namespace chainward

#endif  // CHAINWARD_BASE_FILE_H_
