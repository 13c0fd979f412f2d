// Diagnostics as the lines the Python collector tests compare.
#ifndef CHAINWARD_TESTS_COLLECT_PYPI_MESSAGES_H_
#define CHAINWARD_TESTS_COLLECT_PYPI_MESSAGES_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace chainward::collect::pypi {

// "error: file:line:col: message" or "warning: ...", in the order reported.
inline std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& item : d.items()) {
    out.push_back(std::string(item.level == Diagnostic::Level::kError ? "error: " : "warning: ") +
                  item.ToString());
  }
  return out;
}

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_TESTS_COLLECT_PYPI_MESSAGES_H_
