#include "base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace chainward {

namespace {

std::string Describe(const std::string& path, const char* what, int err) {
  return path + ": " + what + ": " + std::strerror(err);
}

}  // namespace

Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    return Fail(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                Describe(path, "cannot open", err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Fail(ErrorCode::kIo, Describe(path, "cannot stat", err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kIo, path + ": not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Fail(ErrorCode::kLimit,
                path + ": file is " + std::to_string(st.st_size) +
                    " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::string out;
  std::size_t expected = static_cast<std::size_t>(st.st_size);
  out.reserve(expected + kReadPadding);
  out.resize(expected);
  std::size_t done = 0;
  while (done < expected) {
    ssize_t n = ::read(fd, out.data() + done, expected - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Fail(ErrorCode::kIo, Describe(path, "read failed", err));
    }
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  // Zero the padding the capacity guarantees, for SIMD readers.
  std::memset(out.data() + done, 0, out.capacity() - done);
  return out;
}

}  // namespace chainward
