#include "base/file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace chainward {
namespace {

std::string TempPath(const char* name) {
  return ::testing::TempDir() + name;
}

TEST(ReadFile, ReadsContentsWithZeroedPadding) {
  std::string path = TempPath("read_file_ok.txt");
  std::ofstream(path) << "hello";
  auto content = ReadFile(path, 100);
  ASSERT_TRUE(content.has_value()) << content.error().message;
  EXPECT_EQ(*content, "hello");
  ASSERT_GE(content->capacity(), content->size() + kReadPadding);
  for (std::size_t i = 0; i < kReadPadding; ++i) {
    EXPECT_EQ(content->data()[content->size() + i], '\0');
  }
}

TEST(ReadFile, RefusesFilesOverTheLimit) {
  std::string path = TempPath("read_file_big.txt");
  std::ofstream(path) << std::string(101, 'x');
  auto content = ReadFile(path, 100);
  ASSERT_FALSE(content.has_value());
  EXPECT_EQ(content.error().code, ErrorCode::kLimit);
  EXPECT_EQ(content.error().message,
            path + ": file is 101 bytes, over the limit of 100");
}

TEST(ReadFile, NamesTheMissingFile) {
  auto content = ReadFile("/nonexistent/x.json", 100);
  ASSERT_FALSE(content.has_value());
  EXPECT_EQ(content.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(content.error().message,
            "/nonexistent/x.json: cannot open: No such file or directory");
}

TEST(ReadFile, RefusesDirectories) {
  auto content = ReadFile("/", 100);
  ASSERT_FALSE(content.has_value());
  EXPECT_EQ(content.error().message, "/: not a regular file");
}

}  // namespace
}  // namespace chainward
