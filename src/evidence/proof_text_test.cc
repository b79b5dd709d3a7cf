#include "evidence/proof_text.h"

#include <gtest/gtest.h>

namespace vka::evidence {
namespace {

Hash Filled(uint8_t byte) {
  Hash h;
  h.fill(byte);
  return h;
}

TEST(ProofTextTest, FormatsAndParsesBack) {
  ConsistencyProofText p{3, Filled(0xab), 7, Filled(0x01), {Filled(0x22), Filled(0xf0)}};
  const std::string text = FormatConsistencyProof(p);
  std::string ab, one, f0;
  for (int i = 0; i < 32; ++i) ab += "ab", one += "01", f0 += "f0";
  EXPECT_EQ(text, "consistency proof\nold 3 " + ab + "\nnew 7 " + one + "\n" +
                      std::string(64, '2') + "\n" + f0 + "\n");
  auto parsed = ParseConsistencyProof(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, p);
  // Without the final newline too.
  auto trimmed = ParseConsistencyProof(text.substr(0, text.size() - 1));
  ASSERT_TRUE(trimmed.ok());
  EXPECT_EQ(*trimmed, p);
}

TEST(ProofTextTest, NamesTheBadLine) {
  const std::string root(64, '0');
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {"", "proof line 1: expected \"consistency proof\""},
      {"inclusion proof\n", "proof line 1:"},
      {"consistency proof\nold x " + root + "\n", "proof line 2: the size is not a decimal"},
      {"consistency proof\nold 1 " + root + "\n", "proof line 3: expected \"new <size>"},
      {"consistency proof\nold 1 " + root + "\nnew 2 " + root.substr(1) + "\n",
       "proof line 3: the root is not"},
      {"consistency proof\nold 1 " + root + "\nnew 2 " + root + "\n" + std::string(64, 'A') + "\n",
       "proof line 4: not a hash"},
      {"consistency proof\nold 99999999999999999999 " + root + "\n", "proof line 2: the size"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseConsistencyProof(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find(c.message), std::string::npos)
        << parsed.status().message();
  }
}

}  // namespace
}  // namespace vka::evidence
