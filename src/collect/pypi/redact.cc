#include "collect/pypi/redact.h"

namespace chainward::collect::pypi {

namespace {

bool EndsAuthority(char c) {
  return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
         c == '"' || c == '\'';
}

}  // namespace

std::string RedactUserinfo(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t scheme_end = text.find("://", pos);
    if (scheme_end == std::string_view::npos) break;
    std::size_t authority = scheme_end + 3;
    std::size_t end = authority;
    while (end < text.size() && !EndsAuthority(text[end])) ++end;
    std::size_t at = text.substr(authority, end - authority).rfind('@');
    out.append(text.substr(pos, authority - pos));
    if (at != std::string_view::npos) {
      out += "***";
      out.append(text.substr(authority + at, end - authority - at));
    } else {
      out.append(text.substr(authority, end - authority));
    }
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace chainward::collect::pypi
