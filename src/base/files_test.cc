#include "base/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vka::base {
namespace {
namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vka-files-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Entries() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }

  fs::path dir_;
};

TEST_F(FilesTest, WritesAtomicallyAndReadsBack) {
  const fs::path path = dir_ / "a.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer").ok());
  auto text = ReadSmallFile(path);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "second, longer");
  EXPECT_EQ(Entries(), 1);  // no temporary file left
}

TEST_F(FilesTest, ReadSmallFileRefusesLargeAndMissingFiles) {
  const fs::path path = dir_ / "big.txt";
  ASSERT_TRUE(WriteFileAtomically(path, std::string(100, 'x')).ok());
  auto large = ReadSmallFile(path, 99);
  EXPECT_EQ(large.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(large.status().message().find("big.txt"), std::string::npos);
  EXPECT_EQ(ReadSmallFile(dir_ / "none.txt").status().code(), StatusCode::kNotFound);
}

TEST_F(FilesTest, AtomicFileWithoutCommitLeavesTheTargetUnchanged) {
  const fs::path path = dir_ / "b.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "kept").ok());
  {
    auto file = AtomicFile::Create(path);
    ASSERT_TRUE(file.ok());
    (*file)->stream() << "abandoned";
  }  // destroyed without Commit
  EXPECT_EQ(*ReadSmallFile(path), "kept");
  EXPECT_EQ(Entries(), 1);
}

TEST_F(FilesTest, WriteIntoAMissingFolderFailsNamingIt) {
  Status status = WriteFileAtomically(dir_ / "missing" / "c.txt", "x");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace vka::base
