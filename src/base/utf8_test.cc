#include "base/utf8.h"

#include <gtest/gtest.h>

namespace vka::base {
namespace {

TEST(Utf8, AcceptsArmenianCyrillicAndEmoji) {
  EXPECT_TRUE(IsValidUtf8("Հովհաննիսյան Оганесян Hovhannisyan 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, RejectsIllFormedSequencesAndSaysWhere) {
  EXPECT_EQ(FirstInvalidUtf8(std::string("ab\xff", 3)), 2u);
  EXPECT_EQ(FirstInvalidUtf8(std::string("\xc0\xaf", 2)), 0u);          // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8(std::string("x\xed\xa0\x80", 4)), 1u);     // surrogate
  EXPECT_EQ(FirstInvalidUtf8(std::string("\xf4\x90\x80\x80", 4)), 0u);  // > U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8(std::string("\xd5", 1)), 0u);              // truncated
}

TEST(Utf8, SanitizeEscapesOnlyIllFormedBytes) {
  EXPECT_EQ(SanitizeUtf8(std::string("Ա\xd5 ok\xff", 7)), "Ա\\xD5 ok\\xFF");
  EXPECT_EQ(SanitizeUtf8("Оганесян"), "Оганесян");
}

TEST(Utf8, Utf16UnitsUseSurrogatePairs) {
  EXPECT_EQ(Utf16Units("A€"), (std::u16string{u'A', u'\u20ac'}));
  EXPECT_EQ(Utf16Units("😀"), (std::u16string{0xD83D, 0xDE00}));
}

}  // namespace
}  // namespace vka::base
