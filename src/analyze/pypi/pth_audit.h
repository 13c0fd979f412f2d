// The .pth audit: every line Python would execute at interpreter start.
//
// A line starting with "import" in a .pth file at the top of site-packages
// runs in every Python process of that environment, before any user code,
// with no import of the package that shipped it (litellm 1.82.8's
// litellm_init.pth). The audit reports each executable line that is not a
// known-benign text. Benign texts are recognised by content only, never by
// file name: a file called distutils-precedence.pth with other content is
// reported like any other.
//
// Finding ids (kind "pth"), documented in docs/python.md:
//   CW-PTH-EXEC       high      an executable line that is not known-benign
//   CW-PTH-PAYLOAD    critical  one that also decodes, executes, spawns or
//                               reaches the network (exec, base64, subprocess,
//                               socket, urllib, ...)
//   CW-PTH-MALICIOUS  critical  the file is a known malicious .pth (by SHA-256)
//   CW-PTH-LINK       high      the .pth is a symbolic link out of the environment
//   CW-PTH-OVERSIZE   high      the .pth is too large to read whole
#ifndef CHAINWARD_ANALYZE_PYPI_PTH_AUDIT_H_
#define CHAINWARD_ANALYZE_PYPI_PTH_AUDIT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/pypi/site_packages.h"
#include "model/finding.h"

namespace chainward::analyze::pypi {

// Findings for the .pth files of `environment`, in file then line order.
// Each carries the owning distribution's name, version and purl when a
// RECORD lists the file, else a note that none does.
std::vector<model::Finding> AuditPth(const collect::pypi::InstalledEnvironment& environment);

// Who installed a .pth file, as far as benign texts care.
struct PthOwner {
  std::string name;       // PEP 503-normalised; empty when no RECORD lists the file
  bool editable = false;  // the owner is an editable install (direct_url.json)
};

// The name of the known-benign text `line` is ("setuptools
// distutils-precedence.pth"), or nullopt. `line` is an executable line as
// written; trailing whitespace is ignored, nothing else is. A text that
// imports a module from site-packages is benign only with the owner that
// writes it (pywin32_bootstrap from pywin32, an editable finder from an
// editable install, _virtualenv from no distribution at all): the same line
// shipped by another wheel runs that wheel's code.
std::optional<std::string_view> BenignPthLine(std::string_view line, const PthOwner& owner);

// The words of `line` that make an executable line critical (exec, eval,
// compile, base64, b64decode, codecs, marshal, zlib, subprocess, Popen,
// system, popen, socket, urllib, http, requests, ...), each once, in order
// of first appearance. Words inside string literals count: __import__('zlib')
// gives "zlib".
std::vector<std::string> PayloadWords(std::string_view line);

// A short excerpt of `text` safe to print: control characters replaced,
// cut to about 120 bytes (on a UTF-8 boundary) with the full length noted.
std::string Snippet(std::string_view text);

}  // namespace chainward::analyze::pypi

#endif  // CHAINWARD_ANALYZE_PYPI_PTH_AUDIT_H_
