// One finding per executable .pth line that is not a known-benign text.
//
// Severity follows what the line can do. Any unknown executable line is
// high: it runs in every Python process of the environment. A line that
// also names a way to run hidden code or reach out (exec, eval, compile,
// base64 and codecs decoding, marshal, zlib, subprocess, os.system,
// os.popen, sockets, urllib, http, requests) is critical; litellm 1.82.8's
// litellm_init.pth was one line of subprocess.Popen running exec of a base64
// blob. Words are taken from the whole line, string literals included, so
// __import__('base64') counts as base64.
//
// Example: the line
//   import os; os.environ.get('X') and exec(__import__('base64').b64decode('...'))
// in litellm_init.pth, listed in the RECORD of litellm 1.82.8, gives
// CW-PTH-PAYLOAD (critical) at litellm_init.pth:1:1 naming exec, base64,
// b64decode, with litellm's purl. Were the file's SHA-256 that of the real
// malicious file, the finding would be CW-PTH-MALICIOUS and say so.
#include "analyze/pypi/pth_audit.h"

#include <array>
#include <cctype>

#include "base/text.h"
#include "collect/pypi/pep508.h"

namespace chainward::analyze::pypi {

namespace {

using collect::pypi::InstalledEnvironment;
using collect::pypi::PthFile;
using collect::pypi::PthLine;

// Executable-line findings per file; past this one finding counts the rest.
// A hostile file can hold a hundred thousand import lines.
constexpr std::size_t kMaxLineFindingsPerFile = 50;

struct KnownFile {
  std::string_view sha256;
  std::string_view description;
  std::array<std::string_view, 2> references;
};

// Facts from the LiteLLM incident record (OSV MAL-2026-2144; the hash and
// size from the project's issue #24521).
constexpr std::array<KnownFile, 1> kKnownMalicious = {{
    {"71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238",
     "litellm 1.82.8's litellm_init.pth (34,628 bytes)",
     {"https://github.com/BerriAI/litellm/issues/24512",
      "https://osv.dev/vulnerability/MAL-2026-2144"}},
}};

constexpr std::array<std::string_view, 38> kPayloadWords = {
    "exec", "eval", "compile", "execfile", "base64", "b64decode", "b32decode", "b16decode",
    "b85decode", "a85decode", "codecs", "marshal", "pickle", "zlib", "lzma", "bz2", "gzip",
    "subprocess", "Popen", "system", "popen", "spawnl", "spawnv", "spawnve", "execv", "execve",
    "execl", "fork", "socket", "urllib", "urllib2", "urllib3", "urlopen", "http", "httplib",
    "requests", "httpx", "ctypes",
};

std::string Path(const InstalledEnvironment& env, const std::string& relative) {
  const std::string& display = env.source.path;
  return display.empty() || display == "." ? relative : display + "/" + relative;
}

model::Finding Base(const InstalledEnvironment& env, const PthFile& pth) {
  model::Finding f;
  f.kind = "pth";
  f.ecosystem = model::Ecosystem::kPyPI;
  if (pth.owner) {
    const model::Package& p = env.source.packages[env.distributions[*pth.owner].package];
    f.name = p.name;
    f.version = p.version;
    f.purl = model::Purl(p);
    f.note = "listed in the RECORD of " + p.Display();
  } else {
    f.note = "not listed in any distribution's RECORD";
  }
  return f;
}

const KnownFile* KnownMalicious(const PthFile& pth) {
  for (const KnownFile& k : kKnownMalicious) {
    if (!pth.sha256.empty() && pth.sha256 == k.sha256) return &k;
  }
  return nullptr;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

}  // namespace

std::vector<std::string> PayloadWords(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    auto word_char = [&](std::size_t k) {
      return std::isalnum(static_cast<unsigned char>(line[k])) != 0 || line[k] == '_';
    };
    if (!word_char(i)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < line.size() && word_char(i)) ++i;
    std::string_view word = line.substr(start, i - start);
    for (std::string_view w : kPayloadWords) {
      if (word != w) continue;
      bool seen = false;
      for (const std::string& o : out) seen = seen || o == w;
      if (!seen) out.emplace_back(w);
    }
  }
  return out;
}

std::string Snippet(std::string_view text) {
  constexpr std::size_t kMax = 120;
  if (text.size() <= kMax) return SanitizeForTerminal(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return SanitizeForTerminal(text.substr(0, cut)) + "... (" + std::to_string(text.size()) +
         " bytes)";
}

std::vector<model::Finding> AuditPth(const InstalledEnvironment& env) {
  std::vector<model::Finding> findings;
  for (const PthFile& pth : env.pth_files) {
    const std::string file = Path(env, pth.path);
    if (!pth.link_target.empty()) {
      model::Finding f = Base(env, pth);
      f.id = "CW-PTH-LINK";
      f.severity = model::Severity::kHigh;
      f.summary = pth.path + " is a symbolic link out of the environment; Python runs what it "
                  "points at";
      f.locations.push_back({file, 0, 0});
      f.snippet = Snippet("-> " + pth.link_target);
      findings.push_back(std::move(f));
      continue;
    }
    if (pth.truncated) {
      model::Finding f = Base(env, pth);
      f.id = "CW-PTH-OVERSIZE";
      f.severity = model::Severity::kHigh;
      f.summary = pth.path + " is " + std::to_string(pth.size) +
                  " bytes, too large to read whole; Python runs every import line in it";
      f.locations.push_back({file, 0, 0});
      findings.push_back(std::move(f));
    }
    PthOwner owner;
    if (pth.owner) {
      const collect::pypi::Distribution& d = env.distributions[*pth.owner];
      const model::Package& p = env.source.packages[d.package];
      owner.name = collect::pypi::NormalizeName(p.name);
      owner.editable = p.flags.editable;
    }
    const KnownFile* known = KnownMalicious(pth);
    std::size_t reported = 0;
    std::uint32_t unreported = pth.omitted_executable;
    for (const PthLine& line : pth.lines) {
      if (line.kind != PthLine::Kind::kExecutable) continue;
      if (line.column == 1 && !line.truncated && BenignPthLine(line.text, owner)) continue;
      if (reported == kMaxLineFindingsPerFile) {
        ++unreported;
        continue;
      }
      ++reported;
      model::Finding f = Base(env, pth);
      std::vector<std::string> words = PayloadWords(line.text);
      std::string where = pth.path + ":" + std::to_string(line.line);
      if (known != nullptr) {
        f.id = "CW-PTH-MALICIOUS";
        f.severity = model::Severity::kCritical;
        f.malicious = true;
        f.summary = where + " is in a known malicious file: " + std::string(known->description);
        for (std::string_view r : known->references) f.references.emplace_back(r);
      } else if (!words.empty()) {
        f.id = "CW-PTH-PAYLOAD";
        f.severity = model::Severity::kCritical;
        f.summary = where + " runs code at every Python start and uses " + Join(words);
      } else {
        f.id = "CW-PTH-EXEC";
        f.severity = model::Severity::kHigh;
        f.summary = where + " runs code at every Python start";
      }
      if (line.column > 1) {
        f.note += "; only Python 3.13 and later run it: it starts after a byte-order mark or a "
                  "line break that earlier versions and most editors do not show";
      }
      if (line.truncated) f.note += "; the line is longer than was read";
      f.locations.push_back({file, line.line, line.column});
      f.snippet = Snippet(line.text);
      findings.push_back(std::move(f));
    }
    if (unreported > 0) {
      model::Finding f = Base(env, pth);
      f.id = "CW-PTH-EXEC";
      f.severity = model::Severity::kHigh;
      f.summary = pth.path + " has " + std::to_string(unreported) +
                  " more executable lines than are listed";
      f.locations.push_back({file, 0, 0});
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace chainward::analyze::pypi
