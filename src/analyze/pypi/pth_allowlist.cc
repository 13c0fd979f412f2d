// Known-benign executable .pth lines, matched by content.
//
// Each entry is the exact text a real tool writes, read from that tool's
// source (repository and file named beside it), or a pattern for texts that
// embed a project name. Only trailing whitespace is forgiven: setuptools
// writes distutils-precedence.pth with "; " before its newline.
//
// A line that imports a module living in site-packages is only as benign as
// that module, so those entries also name who must have installed the .pth:
// a wheel that ships "import _virtualenv" and its own _virtualenv.py is not
// virtualenv. Lines that touch only the standard library (easy-install.pth,
// namespace-package lines) are benign whoever wrote them.
#include <array>
#include <cctype>
#include <string>

#include "analyze/pypi/pth_audit.h"
#include "base/text.h"

namespace chainward::analyze::pypi {

namespace {

enum class Who {
  kAnyone,               // stdlib-only code
  kNobody,               // written outside any distribution's RECORD
  kSetuptoolsOrNobody,   // setuptools' wheel, or a distro's unrecorded copy
  kEditableInstall,      // a PEP 660 editable install of the owning project
  kNamed,                // the distribution named in `owner`
};

struct Exact {
  std::string_view name;
  Who who;
  std::string_view owner;  // for kNamed
  std::string_view text;
};

// pypa/setuptools setup.py, class install_with_pth (setuptools 60 and later
// default to 'local', 49 to 59 to 'stdlib'); setuptools/command/
// easy_install.py, RewritePthDistributions.prelude and .postlude;
// pytest-dev/pytest-cov src/pytest-cov.pth (commits fa5d6bde and de10b1d4);
// coveragepy/coveragepy setup.py do_make_pth() applied to
// coverage/pth_file.py, as shipped in coverage 7.16 (a1_coverage.pth, 205
// bytes, SHA-256 ef2ed06d19867ec669c09a804060666a9cd5e383af0a9d11aa2de79b77d448e8);
// mhammond/pywin32 pywin32.pth (commit 0691c6ff).
constexpr std::array<Exact, 9> kExact = {{
    {"setuptools distutils-precedence.pth", Who::kSetuptoolsOrNobody, "",
     "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == "
     "'local'; enabled and __import__('_distutils_hack').add_shim();"},
    {"setuptools distutils-precedence.pth", Who::kSetuptoolsOrNobody, "",
     "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'stdlib') == "
     "'local'; enabled and __import__('_distutils_hack').add_shim();"},
    {"setuptools easy-install.pth", Who::kAnyone, "", "import sys; sys.__plen = len(sys.path)"},
    {"setuptools easy-install.pth", Who::kAnyone, "",
     "import sys; new = sys.path[sys.__plen:]; del sys.path[sys.__plen:]; p = getattr(sys, "
     "'__egginsert', 0); sys.path[p:p] = new; sys.__egginsert = p + len(new)"},
    {"pytest-cov pytest-cov.pth", Who::kNamed, "pytest-cov",
     "import os, sys;exec('if \\'COV_CORE_SOURCE\\' in os.environ:\\n try:\\n  from "
     "pytest_cov.embed import init\\n  init()\\n except ImportError as exc:\\n  sys.stderr.write(\\n"
     "   \"Failed to setup coverage.\"\\n   \"Sources: {[COV_CORE_SOURCE]!r}\"\\n   \"Config: "
     "{[COV_CORE_CONFIG]!r}\"\\n   \"Exception: {!r}\\\\n\".format(os.environ, exc))\\n')"},
    {"pytest-cov pytest-cov.pth", Who::kNamed, "pytest-cov",
     "import os, sys;exec('try:\\n import pkg_resources\\nexcept ImportError:\\n pass\\nelse:\\n def "
     "reordered_iter_entry_points(group, name=None, __original=pkg_resources.iter_entry_points):\\n"
     "  if group == \\'pytest11\\' and name is None:\\n   delayed_entrypoints = []\\n   for ep in "
     "__original(group):\\n    if ep.name == \\'pytest_cov\\':\\n     yield ep\\n     for delayed_ep "
     "in delayed_entrypoints:\\n      yield delayed_ep\\n     delayed_entrypoints = None\\n    elif "
     "delayed_entrypoints is None:\\n     yield ep\\n    else:\\n     "
     "delayed_entrypoints.append(ep)\\n  else:\\n   for ep in __original(group, name):\\n    yield "
     "ep\\n pkg_resources.iter_entry_points = reordered_iter_entry_points\\nif \\'COV_CORE_SOURCE\\' "
     "in os.environ:\\n try:\\n  from pytest_cov.embed import init\\n  init()\\n except Exception "
     "as exc:\\n  sys.stderr.write(\\n   \"pytest-cov: Failed to setup subprocess coverage. \"\\n   "
     "\"Environ: {0!r} \"\\n   \"Exception: {1!r}\\\\n\".format(\\n    dict((k, v) for k, v in "
     "os.environ.items() if k.startswith(\\'COV_CORE\\')),\\n    exc\\n   )\\n  )\\n')"},
    {"coverage a1_coverage.pth", Who::kNamed, "coverage",
     "import sys; exec('import os\\n\\nif os.getenv(\"COVERAGE_PROCESS_START\") or "
     "os.getenv(\"COVERAGE_PROCESS_CONFIG\"):\\n try:\\n  import coverage\\n except:\\n  pass\\n "
     "else:\\n  coverage.process_startup(slug=\"pth\")')"},
    {"pywin32 pywin32.pth", Who::kAnyone, "",
     "import os; pywin32_system32 = os.path.join(sitedir,\"pywin32_system32\"); "
     "os.environ[\"PATH\"] += (\"\" if pywin32_system32 in os.environ[\"PATH\"] else (\";\" + "
     "pywin32_system32)); getattr(os, \"add_dll_directory\", lambda x: None)(pywin32_system32)"},
    {"virtualenv _virtualenv.pth", Who::kNobody, "", "import _virtualenv"},
}};

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// True when `s` is `prefix`, then one or more identifier characters, then
// `suffix`.
bool Shaped(std::string_view s, std::string_view prefix, std::string_view suffix) {
  if (s.size() <= prefix.size() + suffix.size() || !StartsWith(s, prefix) || !EndsWith(s, suffix)) {
    return false;
  }
  for (char c : s.substr(prefix.size(), s.size() - prefix.size() - suffix.size())) {
    if (!IsIdentifierChar(c)) return false;
  }
  return true;
}

// setuptools/namespaces.py Installer._nspkg_tmpl (setuptools 31 and later)
// and its older form, for the namespace package named in `line`.
bool IsNamespaceLine(std::string_view line) {
  constexpr std::string_view kKey = "sys.modules.setdefault('";
  std::size_t at = line.find(kKey);
  if (at == std::string_view::npos) return false;
  std::size_t start = at + kKey.size();
  std::size_t end = line.find('\'', start);
  if (end == std::string_view::npos) return false;
  std::string pkg(line.substr(start, end - start));
  if (pkg.empty()) return false;
  for (char c : pkg) {
    if (!IsIdentifierChar(c) && c != '.') return false;
  }
  std::string pth = "(";
  std::size_t from = 0;
  int parts = 0;
  while (from <= pkg.size()) {
    std::size_t dot = pkg.find('.', from);
    if (dot == std::string::npos) dot = pkg.size();
    pth += (parts++ > 0 ? ", '" : "'") + pkg.substr(from, dot - from) + "'";
    from = dot + 1;
  }
  pth += parts == 1 ? ",)" : ")";
  std::string q = "'" + pkg + "'";
  std::string root = "sys._getframe(1).f_locals['sitedir']";
  std::string current = "import sys, types, os;has_mfs = sys.version_info > (3, 5);p = os.path.join(" +
                        root + ", *" + pth + ");importlib = has_mfs and __import__('importlib.util');"
                        "has_mfs and __import__('importlib.machinery');m = has_mfs and "
                        "sys.modules.setdefault(" + q + ", importlib.util.module_from_spec("
                        "importlib.machinery.PathFinder.find_spec(" + q + ", [os.path.dirname(p)])));"
                        "m = m or sys.modules.setdefault(" + q + ", types.ModuleType(" + q + "));"
                        "mp = (m or []) and m.__dict__.setdefault('__path__',[]);"
                        "(p not in mp) and mp.append(p)";
  std::string older = "import sys, types, os;pep420 = sys.version_info > (3, 3);p = os.path.join(" +
                      root + ", *" + pth + ");ie = os.path.exists(os.path.join(p,'__init__.py'));"
                      "m = not ie and not pep420 and sys.modules.setdefault(" + q +
                      ", types.ModuleType(" + q + "));mp = (m or []) and "
                      "m.__dict__.setdefault('__path__',[]);(p not in mp) and mp.append(p)";
  std::string multi;
  std::size_t last = pkg.rfind('.');
  if (last != std::string::npos) {
    multi = ";m and setattr(sys.modules['" + pkg.substr(0, last) + "'], '" + pkg.substr(last + 1) +
            "', m)";
  }
  return line == current + multi || line == older + multi;
}

}  // namespace

std::optional<std::string_view> BenignPthLine(std::string_view line, const PthOwner& owner) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r' ||
                           line.back() == '\n')) {
    line.remove_suffix(1);
  }
  for (const Exact& e : kExact) {
    if (line != e.text) continue;
    bool ok = e.who == Who::kAnyone || (e.who == Who::kNobody && owner.name.empty()) ||
              (e.who == Who::kSetuptoolsOrNobody &&
               (owner.name.empty() || owner.name == "setuptools")) ||
              (e.who == Who::kNamed && owner.name == e.owner);
    return ok ? std::optional<std::string_view>(e.name) : std::nullopt;
  }
  if (line == "import pywin32_bootstrap") {  // pywin32.pth since pywin32 305
    return owner.name == "pywin32" ? std::optional<std::string_view>("pywin32 pywin32.pth")
                                   : std::nullopt;
  }
  if (IsNamespaceLine(line)) return "setuptools namespace package (-nspkg.pth)";
  if (!owner.editable) return std::nullopt;
  // pypa/setuptools setuptools/command/editable_wheel.py, _TopLevelFinder:
  // f"import {finder}; {finder}.install()", finder = "__editable___<name>_<version>_finder".
  std::size_t semi = line.find("; ");
  if (semi != std::string_view::npos) {
    if (!StartsWith(line, "import ") || semi < 7) return std::nullopt;
    std::string_view module = line.substr(7, semi - 7);
    if (Shaped(module, "__editable___", "_finder") &&
        line.substr(semi + 2) == std::string(module) + ".install()") {
      return "setuptools editable finder (PEP 660)";
    }
    return std::nullopt;
  }
  // pfmoore/editables src/editables/__init__.py: f"import {self.bootstrap}".
  if (Shaped(line, "import _editable_impl_", "")) return "editables (hatchling) editable install";
  // scikit-build/scikit-build-core build/wheel.py: f"import _{name}_editable".
  if (Shaped(line, "import _", "_editable")) return "scikit-build-core editable install";
  // mesonbuild/meson-python mesonpy/__init__.py: f"import {loader_module_name}".
  if (Shaped(line, "import _", "_editable_loader")) return "meson-python editable install";
  return std::nullopt;
}

}  // namespace chainward::analyze::pypi
