#include "evidence/merkle.h"

#include <gtest/gtest.h>

#include <bit>
#include <string>

#include "evidence/internal/base64.h"

namespace vka::evidence {
namespace {

using base::Result;

// The standard RFC 6962 leaves (transparency-dev/merkle testonly/constants.go).
std::vector<std::string> RfcLeaves() {
  return {std::string(),
          std::string("\x00", 1),
          "\x10",
          "\x20\x21",
          "\x30\x31",
          "\x40\x41\x42\x43",
          "\x50\x51\x52\x53\x54\x55\x56\x57",
          "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};
}

std::string Hex(const Hash& h) { return base::HexLower(h); }

std::vector<Hash> LeafHashes(const std::vector<std::string>& leaves) {
  std::vector<Hash> out;
  for (const std::string& leaf : leaves) out.push_back(LeafHash(leaf));
  return out;
}

// Independent reference: the RFC 6962 definitions written out literally on
// byte strings, with base::Sha256Of and no shared helpers.
std::string Bytes(const Hash& h) { return std::string(h.begin(), h.end()); }
Hash RefMth(const std::vector<std::string>& d, size_t lo, size_t hi) {
  if (hi == lo) return base::Sha256Of("");
  if (hi - lo == 1) return base::Sha256Of(std::string(1, '\0') + d[lo]);
  size_t k = 1;
  while (k * 2 < hi - lo) k *= 2;
  return base::Sha256Of("\x01" + Bytes(RefMth(d, lo, lo + k)) + Bytes(RefMth(d, lo + k, hi)));
}
std::vector<Hash> RefPath(const std::vector<std::string>& d, size_t m, size_t lo, size_t hi) {
  if (hi - lo <= 1) return {};
  size_t k = 1;
  while (k * 2 < hi - lo) k *= 2;
  std::vector<Hash> p;
  if (m < k) {
    p = RefPath(d, m, lo, lo + k);
    p.push_back(RefMth(d, lo + k, hi));
  } else {
    p = RefPath(d, m - k, lo + k, hi);
    p.push_back(RefMth(d, lo, lo + k));
  }
  return p;
}
std::vector<Hash> RefSubproof(const std::vector<std::string>& d, size_t m, size_t lo,
                              size_t hi, bool b) {
  if (m == hi - lo) return b ? std::vector<Hash>{} : std::vector<Hash>{RefMth(d, lo, hi)};
  size_t k = 1;
  while (k * 2 < hi - lo) k *= 2;
  std::vector<Hash> p;
  if (m <= k) {
    p = RefSubproof(d, m, lo, lo + k, b);
    p.push_back(RefMth(d, lo + k, hi));
  } else {
    p = RefSubproof(d, m - k, lo + k, hi, false);
    p.push_back(RefMth(d, lo, lo + k));
  }
  return p;
}

std::vector<std::string> ManyLeaves(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("leaf " + std::to_string(i));
  return out;
}

Hash FromBase64(std::string_view b64) {
  std::optional<std::string> raw = internal::Base64Decode(b64);
  Hash h{};
  EXPECT_TRUE(raw.has_value() && raw->size() == h.size()) << b64;
  if (raw && raw->size() == h.size()) std::copy(raw->begin(), raw->end(), h.begin());
  return h;
}

TEST(Merkle, RootsMatchRfc6962Vectors) {
  // transparency-dev/merkle testonly/constants.go (research/integrity.md §2.3 A).
  const char* kRoots[] = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };
  const std::vector<std::string> d = RfcLeaves();
  const std::vector<Hash> leaves = LeafHashes(d);
  LeafHashReader reader(leaves);
  for (uint64_t n = 0; n <= 8; ++n) {
    Result<Hash> root = TreeHash(reader, n);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(Hex(*root), kRoots[n]) << "size " << n;
    EXPECT_EQ(Hex(RefMth(d, 0, n)), kRoots[n]) << "reference, size " << n;
  }
}

TEST(Merkle, LeafHashMatchesGoRecordHash) {
  // x/mod sumdb/tlog note_test.go: RecordHash("hello world").
  EXPECT_EQ(LeafHash("hello world"),
            FromBase64("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0="));
}

TEST(Merkle, InclusionProofMatchesTransparencyDevHappyPath) {
  // transparency-dev/merkle testdata/inclusion/1/happy-path.json.
  const std::vector<Hash> leaves = LeafHashes(RfcLeaves());
  LeafHashReader reader(leaves);
  const std::vector<Hash> want = {
      FromBase64("lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c="),
      FromBase64("Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4="),
      FromBase64("a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=")};
  Result<std::vector<Hash>> proof = InclusionProof(reader, 0, 8);
  ASSERT_TRUE(proof.ok());
  EXPECT_EQ(*proof, want);
  EXPECT_EQ(leaves[0], FromBase64("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="));
  EXPECT_TRUE(VerifyInclusion(0, 8, leaves[0], want,
                              FromBase64("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="))
                  .ok());
}

// Checks hex prefixes and suffixes as quoted in research/integrity.md §2.3 B.
void ExpectAbbreviated(const std::vector<Hash>& got,
                       const std::vector<std::pair<std::string, std::string>>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const std::string hex = Hex(got[i]);
    EXPECT_EQ(hex.substr(0, want[i].first.size()), want[i].first) << i;
    EXPECT_EQ(hex.substr(hex.size() - want[i].second.size()), want[i].second) << i;
  }
}

TEST(Merkle, ProofsMatchProofgenVectors) {
  const std::vector<Hash> leaves = LeafHashes(RfcLeaves());
  LeafHashReader r(leaves);
  ExpectAbbreviated(*InclusionProof(r, 5, 8), {{"bc1a0643", "599e6b"},
                                               {"ca854ea1", "5a0ae0"},
                                               {"d37ee418", "9614b7"}});
  ExpectAbbreviated(*InclusionProof(r, 2, 3), {{"fac54203", "e3c125"}});
  ExpectAbbreviated(*InclusionProof(r, 1, 5), {{"6e340b9c", "afa01d"},
                                               {"5f083f0a", "e3031e"},
                                               {"bc1a0643", "599e6b"}});
  EXPECT_TRUE(InclusionProof(r, 0, 1)->empty());
  EXPECT_TRUE(ConsistencyProof(r, 1, 1)->empty());
  ExpectAbbreviated(*ConsistencyProof(r, 1, 8),
                    {{"96a296d2", ""}, {"5f083f0a", ""}, {"6b47aaf2", ""}});
  ExpectAbbreviated(*ConsistencyProof(r, 6, 8), {{"0ebc5d34", "58ef6a"},
                                                 {"ca854ea1", "5a0ae0"},
                                                 {"d37ee418", "9614b7"}});
  ExpectAbbreviated(*ConsistencyProof(r, 2, 5), {{"5f083f0a", ""}, {"bc1a0643", ""}});
  ExpectAbbreviated(*ConsistencyProof(r, 6, 7),
                    {{"0ebc5d34", ""}, {"b08693ec", "1a5f"}, {"d37ee418", ""}});
}

TEST(Merkle, ProofsEqualReferenceAndVerifyForAllSmallTrees) {
  const std::vector<std::string> d = ManyLeaves(40);
  const std::vector<Hash> leaves = LeafHashes(d);
  LeafHashReader reader(leaves);
  for (uint64_t n = 1; n <= d.size(); ++n) {
    const Hash root = *TreeHash(reader, n);
    ASSERT_EQ(root, RefMth(d, 0, n));
    for (uint64_t m = 0; m < n; ++m) {
      std::vector<Hash> path = *InclusionProof(reader, m, n);
      ASSERT_EQ(path, RefPath(d, m, 0, n)) << m << "/" << n;
      ASSERT_TRUE(VerifyInclusion(m, n, leaves[m], path, root).ok()) << m << "/" << n;
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion((m + 1) % n, n, leaves[m], path, root).ok());
      }
    }
    for (uint64_t m = 1; m <= n; ++m) {
      std::vector<Hash> proof = *ConsistencyProof(reader, m, n);
      const std::vector<Hash> want =
          m == n ? std::vector<Hash>{} : RefSubproof(d, m, 0, n, true);
      ASSERT_EQ(proof, want) << m << "->" << n;
      const Hash old_root = *TreeHash(reader, m);
      ASSERT_TRUE(VerifyConsistency(m, n, proof, old_root, root).ok()) << m << "->" << n;
      if (!proof.empty()) {
        proof.back()[0] ^= 1;
        EXPECT_EQ(VerifyConsistency(m, n, proof, old_root, root).code(),
                  base::StatusCode::kDataLoss);
      }
    }
  }
}

TEST(Merkle, VerificationRejectsBadInput) {
  const std::vector<Hash> leaves = LeafHashes(RfcLeaves());
  LeafHashReader r(leaves);
  const Hash root = *TreeHash(r, 8);
  std::vector<Hash> path = *InclusionProof(r, 3, 8);
  EXPECT_EQ(VerifyInclusion(8, 8, leaves[3], path, root).code(),
            base::StatusCode::kDataLoss);
  std::vector<Hash> longer = path;
  longer.push_back(root);
  EXPECT_FALSE(VerifyInclusion(3, 8, leaves[3], longer, root).ok());
  path.pop_back();
  EXPECT_FALSE(VerifyInclusion(3, 8, leaves[3], path, root).ok());
  EXPECT_TRUE(VerifyConsistency(0, 8, {}, EmptyTreeHash(), root).ok());
  EXPECT_FALSE(VerifyConsistency(0, 8, {root}, EmptyTreeHash(), root).ok());
  EXPECT_FALSE(VerifyConsistency(8, 4, {}, root, root).ok());
  EXPECT_FALSE(VerifyConsistency(4, 8, {}, *TreeHash(r, 4), root).ok());
  EXPECT_EQ(InclusionProof(r, 8, 8).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(r, 3, 9).status().code(),
            base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::evidence
