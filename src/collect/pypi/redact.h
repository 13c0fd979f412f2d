// Keeping credentials out of what chainward records and prints.
//
// Private package indexes are reached with URLs that carry a user name and a
// token ("https://user:token@pypi.example.com/simple"), written in the file
// or expanded from an environment variable. Every URL a Python collector puts
// into a Package (resolved, index) or quotes in a message goes through here.
#ifndef CHAINWARD_COLLECT_PYPI_REDACT_H_
#define CHAINWARD_COLLECT_PYPI_REDACT_H_

#include <string>
#include <string_view>

namespace chainward::collect::pypi {

// `text` with the userinfo of every URL in it replaced by "***": each
// "scheme://user:secret@host/..." becomes "scheme://***@host/...". An
// authority is the text after "://" up to the next "/", "?", "#" or white
// space; when it holds an "@", everything before its last "@" is userinfo.
// Text without "://" is returned unchanged.
std::string RedactUserinfo(std::string_view text);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REDACT_H_
