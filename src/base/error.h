// Errors as values.
//
// Expected failures (unreadable files, malformed input, exceeded limits) are
// returned as `Result<T>`, never thrown. An Error carries a small, stable code
// that callers may branch on, and a message for people that starts with the
// location it concerns: "package-lock.json:12:7: expected string for \"version\"".
#ifndef CHAINWARD_BASE_ERROR_H_
#define CHAINWARD_BASE_ERROR_H_

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace chainward {

enum class ErrorCode {
  kIo,               // a file or directory could not be read or written
  kNotFound,         // a named file, record or key does not exist
  kParse,            // input does not follow its format
  kLimit,            // input exceeds a bound from base/limits.h
  kUnsupported,      // a format or version we recognise but do not read
  kInvalidArgument,  // a caller passed something unusable (bad flag, spec)
  kDatabase,         // the advisory database failed
};

// Returns a short, stable name for `code` ("io", "parse", ...).
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Builds the unexpected value of a Result: `return Fail(ErrorCode::kIo, msg);`
inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace chainward

#endif  // CHAINWARD_BASE_ERROR_H_
