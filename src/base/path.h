// Lexical and resolved paths, and whether one lies inside another.
//
// Scanned trees name paths of their own (an include in a requirements file,
// a RECORD row, a symbolic link in node_modules); none of them may take
// chainward outside the tree it was pointed at. The checks are lexical
// ("a/../../b" climbs out) and, where the file system is involved, on real
// paths (a link "base.txt -> /etc/passwd" leads out).
#ifndef CHAINWARD_BASE_PATH_H_
#define CHAINWARD_BASE_PATH_H_

#include <string>
#include <string_view>

namespace chainward {

// `path` with empty and "." segments dropped and each "name/.." folded.
// A relative path keeps its leading ".." ("a/../../b" -> "../b"); an
// absolute one drops them, as the kernel does ("/../b" -> "/b"). An empty
// result is ".".
std::string NormalizePath(std::string_view path);

// `path` when it is absolute, else `dir` + "/" + `path`; normalized.
std::string JoinPath(std::string_view dir, std::string_view path);

// The folder of `path`: "a/b.txt" -> "a", "b.txt" -> ".", "/b" -> "/".
std::string DirOf(std::string_view path);

// `path` made absolute against the working directory; normalized.
std::string AbsolutePath(std::string_view path);

// realpath(3) of `path`: absolute, links resolved. "" when it does not
// resolve (missing, a loop, too long).
std::string RealPath(const std::string& path);

// True when `path` is `root` or below it, comparing whole segments
// ("/a/bc" is not inside "/a/b"). Both are normalized or real paths; an
// empty one is inside nothing.
bool IsInside(std::string_view path, std::string_view root);

}  // namespace chainward

#endif  // CHAINWARD_BASE_PATH_H_
