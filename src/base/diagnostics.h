// Problems met while reading input that did not stop the work.
//
// A parser that meets a malformed entry reports it here and goes on with the
// next one. The sink remembers whether any input was skipped: a scan whose
// sink holds an error is "incomplete" and is never reported as clean.
#ifndef CHAINWARD_BASE_DIAGNOSTICS_H_
#define CHAINWARD_BASE_DIAGNOSTICS_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "base/error.h"

namespace chainward {

struct Diagnostic {
  enum class Level { kWarning, kError };
  Level level = Level::kError;
  std::string file;      // as given to the parser; empty when not about a file
  std::uint32_t line = 0;    // 1-based; 0 when unknown
  std::uint32_t column = 0;  // 1-based; 0 when unknown
  std::string message;   // without the location prefix

  // "file:line:col: message", leaving out the parts that are unknown.
  std::string ToString() const;
};

// Thread-safe collector of diagnostics.
class Diagnostics {
 public:
  // An error: some input was not read, so results may be missing.
  void Error(std::string file, std::uint32_t line, std::uint32_t column,
             std::string message);
  // A warning: input was read, but something about it deserves attention.
  void Warning(std::string file, std::uint32_t line, std::uint32_t column,
               std::string message);
  // Records an Error value whose message already starts with its location.
  void Add(const chainward::Error& error);

  // True when at least one error was reported.
  bool incomplete() const;
  std::vector<Diagnostic> items() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

}  // namespace chainward

#endif  // CHAINWARD_BASE_DIAGNOSTICS_H_
