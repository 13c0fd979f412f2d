#include "collect/npm/pnpm_key.h"

namespace chainward::collect::npm {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

PnpmKey ParsePnpmKey(std::string_view key, int major) {
  PnpmKey out;
  bool slash = !key.empty() && key[0] == '/';
  if (slash) key.remove_prefix(1);
  if (major < 9 && !slash) return out;
  if (major < 6) {
    std::size_t cut = key.find('/');
    if (!key.empty() && key[0] == '@' && cut != std::string_view::npos) {
      cut = key.find('/', cut + 1);
    }
    if (cut == std::string_view::npos || cut == 0) return out;
    out.name = key.substr(0, cut);
    std::string_view rest = key.substr(cut + 1);
    out.version = rest.substr(0, rest.find('_'));
  } else {
    key = StripPnpmPeers(key);
    std::size_t at = key.find('@', 1);
    if (at == std::string_view::npos) return out;
    out.name = key.substr(0, at);
    if (out.name.find(':') != std::string_view::npos) {
      out.name = {};
      return out;
    }
    out.version = key.substr(at + 1);
  }
  out.registry = !out.version.empty() && IsDigit(out.version[0]);
  return out;
}

std::string_view StripPnpmPeers(std::string_view key) {
  return key.substr(0, key.find('('));
}

std::string JoinPnpmPath(std::string_view base, std::string_view relative) {
  std::vector<std::string_view> parts;
  auto add = [&parts](std::string_view path) {
    while (!path.empty()) {
      std::size_t slash = path.find('/');
      std::string_view seg = path.substr(0, slash);
      path = slash == std::string_view::npos ? std::string_view()
                                             : path.substr(slash + 1);
      if (seg.empty() || seg == ".") continue;
      if (seg == ".." && !parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else {
        parts.push_back(seg);
      }
    }
  };
  if (relative.empty() || relative[0] != '/') add(base);
  add(relative);
  std::string out = !relative.empty() && relative[0] == '/' ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

}  // namespace chainward::collect::npm
