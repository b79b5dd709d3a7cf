#include "evidence/blob_store.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "base/sha256.h"
#include "gtest/gtest.h"
#include "testing/scoped_temp_dir.h"

namespace vka::evidence {
namespace {

using base::StatusCode;

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_.emplace(std::move(*dir));
    store_.emplace(dir_->Join("blobs"));
  }
  std::string Write(const std::string& name, const std::string& data) {
    std::ofstream(dir_->Join(name), std::ios::binary) << data;
    return dir_->Join(name);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Flips one byte of a stored (read-only) blob, as an attacker would.
  void FlipByte(const std::string& sha, size_t offset) {
    std::string path = store_->PathOf(sha).string();
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    std::string data = Read(path);
    data[offset] = static_cast<char>(data[offset] ^ 0x01);
    std::ofstream(path, std::ios::binary) << data;
  }
  std::optional<testing::ScopedTempDir> dir_;
  std::optional<BlobStore> store_;
};

TEST_F(BlobStoreTest, PutStoresContentUnderItsHashReadOnly) {
  std::string data(3 * (1 << 20) + 17, 'x');  // spans several chunks
  data[5] = '\0';
  auto blob = store_->Put(Write("a.bin", data));
  ASSERT_TRUE(blob.ok()) << blob.status().ToString();
  EXPECT_EQ(blob->sha256, base::HexLower(base::Sha256Of(data)));
  EXPECT_EQ(blob->size, data.size());
  EXPECT_FALSE(blob->already_present);
  std::string path = store_->PathOf(blob->sha256).string();
  EXPECT_NE(path.find("/sha256/" + blob->sha256.substr(0, 2) + "/" + blob->sha256.substr(2, 2) +
                      "/" + blob->sha256),
            std::string::npos);
  EXPECT_EQ(Read(path), data);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0444u);
}

TEST_F(BlobStoreTest, SecondPutOfSameContentIsDeduplicated) {
  ASSERT_TRUE(store_->Put(Write("a", "same bytes")).ok());
  auto again = store_->Put(Write("b", "same bytes"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_present);
  int blobs = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_->Join("blobs"))) {
    blobs += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(blobs, 1);  // and no temp file left behind
}

TEST_F(BlobStoreTest, EmptyFileIsStored) {
  auto blob = store_->Put(Write("empty", ""));
  ASSERT_TRUE(blob.ok()) << blob.status().ToString();
  EXPECT_EQ(blob->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_TRUE(store_->Verify(blob->sha256).ok());
}

TEST_F(BlobStoreTest, PutOfMissingFileOrDirectoryFails) {
  EXPECT_EQ(store_->Put(dir_->Join("nope")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Put(dir_->path()).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(BlobStoreTest, CopyToRoundTripsBytes) {
  auto blob = store_->Put(Write("a", std::string("evidence\0\xff", 10)));
  ASSERT_TRUE(blob.ok());
  ASSERT_TRUE(store_->CopyTo(blob->sha256, dir_->Join("out")).ok());
  EXPECT_EQ(Read(dir_->Join("out")), std::string("evidence\0\xff", 10));
}

TEST_F(BlobStoreTest, VerifyDetectsFlippedByte) {
  auto blob = store_->Put(Write("a", "original content"));
  ASSERT_TRUE(blob.ok());
  ASSERT_TRUE(store_->Verify(blob->sha256).ok());
  FlipByte(blob->sha256, 3);
  base::Status status = store_->Verify(blob->sha256);
  EXPECT_EQ(status.code(), StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("evidence file " + blob->sha256 + ": file changed"),
            std::string::npos)
      << status.message();
  base::Status copy = store_->CopyTo(blob->sha256, dir_->Join("out"));
  EXPECT_EQ(copy.code(), StatusCode::kDataLoss);
  EXPECT_FALSE(std::filesystem::exists(dir_->Join("out")));  // no corrupt copy left
}

TEST_F(BlobStoreTest, VerifyDetectsMissingFile) {
  auto blob = store_->Put(Write("a", "will vanish"));
  ASSERT_TRUE(blob.ok());
  std::filesystem::remove(store_->PathOf(blob->sha256));
  base::Status status = store_->Verify(blob->sha256);
  EXPECT_EQ(status.code(), StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("file missing"), std::string::npos);
}

TEST_F(BlobStoreTest, PutWithSameHashButOtherStoredSizeIsDataLoss) {
  auto blob = store_->Put(Write("a", "0123456789"));
  ASSERT_TRUE(blob.ok());
  std::string path = store_->PathOf(blob->sha256).string();
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  std::ofstream(path, std::ios::binary) << "012";  // truncated behind our back
  EXPECT_EQ(store_->Put(Write("b", "0123456789")).status().code(), StatusCode::kDataLoss);
}

TEST_F(BlobStoreTest, MalformedHashIsInvalidArgument) {
  EXPECT_EQ(store_->Verify("ABC").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CopyTo("../../etc/passwd", dir_->Join("x")).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::evidence
