#include "chart/internal/text.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace vka::chart::internal {
namespace {

constexpr Language kLanguages[] = {Language::kEn, Language::kHy, Language::kRu};

// The "{name}" placeholders of a message.
std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> names;
  const std::regex re("\\{[a-z]+\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    names.insert(it->str());
  }
  return names;
}

// Lead bytes of UTF-8 two-byte sequences: Armenian is U+0531-U+058F (0xd4
// to 0xd6), Cyrillic U+0400-U+04FF (0xd0 to 0xd3).
bool HasLeadByte(const std::string& s, unsigned char from, unsigned char to) {
  for (unsigned char c : s) {
    if (c >= from && c <= to) return true;
  }
  return false;
}
bool HasArmenianLetter(const std::string& s) { return HasLeadByte(s, 0xd4, 0xd6); }
bool HasCyrillicLetter(const std::string& s) { return HasLeadByte(s, 0xd0, 0xd3); }

TEST(Messages, EveryMessageIsTranslatedWithTheSamePlaceholders) {
  for (int i = 0; i < static_cast<int>(Msg::kCount); ++i) {
    const Msg msg = static_cast<Msg>(i);
    const std::string en = Tr(msg, Language::kEn);
    const std::string hy = Tr(msg, Language::kHy);
    const std::string ru = Tr(msg, Language::kRu);
    EXPECT_FALSE(en.empty()) << i;
    EXPECT_TRUE(HasArmenianLetter(hy)) << i << ": " << hy;
    EXPECT_TRUE(HasCyrillicLetter(ru)) << i << ": " << ru;
    EXPECT_EQ(Placeholders(hy), Placeholders(en)) << i;
    EXPECT_EQ(Placeholders(ru), Placeholders(en)) << i;
  }
}

TEST(Messages, SubstitutesNamedValues) {
  EXPECT_EQ(Subst("{a} of {b}, {c}", {{"a", "1"}, {"b", "2"}}), "1 of 2, {c}");
  EXPECT_EQ(Subst("no braces", {}), "no braces");
  EXPECT_EQ(Subst("open { only", {{"x", "y"}}), "open { only");
  EXPECT_EQ(TrFormat(Msg::kOtherPlaces, Language::kRu, {{"n", "5"}}), "Другие места (5)");
}

TEST(Messages, CountsAreGroupedPerLanguage) {
  EXPECT_EQ(FormatCount(0, Language::kEn), "0");
  EXPECT_EQ(FormatCount(999, Language::kEn), "999");
  EXPECT_EQ(FormatCount(1234567, Language::kEn), "1,234,567");
  EXPECT_EQ(FormatCount(-1000, Language::kEn), "-1,000");
  EXPECT_EQ(FormatCount(1234, Language::kRu), "1\u00a0234");
  EXPECT_EQ(FormatCount(1234, Language::kHy), "1\u00a0234");
}

TEST(Messages, MonthsAndWeekdays) {
  EXPECT_STREQ(MonthAbbrev(4, Language::kEn), "Apr");
  EXPECT_STREQ(MonthAbbrev(4, Language::kHy), "ապր");
  EXPECT_STREQ(MonthAbbrev(12, Language::kRu), "дек.");
  EXPECT_STREQ(WeekdayAbbrev(0, Language::kRu), "пн");
  EXPECT_STREQ(WeekdayAbbrev(6, Language::kHy), "կիր");
  for (Language l : kLanguages) {
    for (int m = 1; m <= 12; ++m) EXPECT_NE(std::string(MonthAbbrev(m, l)), "");
  }
}

TEST(Messages, VocabularyLabelsAndPlaceNamesFallBack) {
  auto vocab = model::VocabularySet::BuiltIn();
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(TermLabel(&*vocab, "act_type", "killing", Language::kHy), "Սպանություն");
  EXPECT_EQ(TermLabel(&*vocab, "act_type", "killing", Language::kRu), "Убийство");
  EXPECT_EQ(TermLabel(&*vocab, "act_type", "no_such_code", Language::kRu), "no_such_code");
  EXPECT_EQ(TermLabel(nullptr, "sex", "female", Language::kEn), "female");
  SituationData d;
  d.place_names["plc_1"] = {"Old Town", "", "Старый город"};
  EXPECT_EQ(PlaceLabel(d, "plc_1", Language::kRu), "Старый город");
  EXPECT_EQ(PlaceLabel(d, "plc_1", Language::kHy), "Old Town");
  EXPECT_EQ(PlaceLabel(d, "plc_2", Language::kHy), "plc_2");
}

}  // namespace
}  // namespace vka::chart::internal
