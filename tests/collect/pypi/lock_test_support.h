// Helpers shared by the Python lockfile tests.
#ifndef CHAINWARD_TESTS_COLLECT_PYPI_LOCK_TEST_SUPPORT_H_
#define CHAINWARD_TESTS_COLLECT_PYPI_LOCK_TEST_SUPPORT_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "model/package.h"

namespace chainward::collect::pypi::testing {

// The fixture at tests/fixtures/<rel>.
inline std::string Fixture(const std::string& rel) {
  std::ifstream in(std::string(CHAINWARD_FIXTURES) + "/" + rel, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The first package named `name` (with `version`, when not empty).
inline const model::Package* Find(const model::Source& s, const std::string& name,
                                  const std::string& version = "") {
  for (const model::Package& p : s.packages) {
    if (p.name == name && (version.empty() || p.version == version)) return &p;
  }
  return nullptr;
}

// "name@version" of every dependency of `p`, in order.
inline std::vector<std::string> EdgesOf(const model::Source& s, const model::Package& p) {
  std::vector<std::string> out;
  for (std::uint32_t i : p.dependencies) out.push_back(s.packages[i].Display());
  return out;
}

// Every diagnostic as "file:line:col: message".
inline std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& item : d.items()) out.push_back(item.ToString());
  return out;
}

// A short string of the flags that matter for Python packages: "direct dev
// optional dev_optional editable", those set.
inline std::string FlagsOf(const model::Package& p) {
  std::string out;
  auto add = [&out](bool on, const char* name) {
    if (!on) return;
    if (!out.empty()) out += ' ';
    out += name;
  };
  add(p.flags.direct, "direct");
  add(p.flags.dev, "dev");
  add(p.flags.optional, "optional");
  add(p.flags.dev_optional, "dev_optional");
  add(p.flags.editable, "editable");
  return out;
}

}  // namespace chainward::collect::pypi::testing

#endif  // CHAINWARD_TESTS_COLLECT_PYPI_LOCK_TEST_SUPPORT_H_
