#include "model/schema.h"

#include <gtest/gtest.h>

#include "model/vocabulary.h"

namespace vka::model {
namespace {

TEST(Schema, EveryReferencedVocabularyIsBuiltIn) {
  auto vocab = VocabularySet::BuiltIn();
  ASSERT_TRUE(vocab.ok()) << vocab.status().ToString();
  for (auto name : ReferencedVocabularies()) {
    EXPECT_NE(vocab->Find(name), nullptr) << "missing vocabulary " << name;
  }
}

TEST(Schema, MarksTheSensitiveFields) {
  EXPECT_TRUE(FindField(Kind::kPerson, "national_identity")->sensitive);
  EXPECT_TRUE(FindField(Kind::kPerson, "contacts")->sensitive);
  EXPECT_TRUE(FindField(Kind::kPerson, "current_location")->sensitive);
  EXPECT_TRUE(FindField(Kind::kSource, "witness")->sensitive);
  EXPECT_FALSE(FindField(Kind::kPerson, "names")->sensitive);
}

TEST(Schema, InformationLinksASourceToAnyRecordWithGrades) {
  const FieldSpec* record = FindField(Kind::kInformation, "record");
  ASSERT_NE(record, nullptr);
  EXPECT_TRUE(record->required);
  EXPECT_TRUE(record->ref_kinds.empty());
  EXPECT_EQ(FindField(Kind::kInformation, "credibility")->vocabulary, "credibility");
  EXPECT_EQ(FindField(Kind::kSource, "reliability")->vocabulary, "reliability");
  EXPECT_EQ(FindField(Kind::kInformation, "bogus"), nullptr);
}

}  // namespace
}  // namespace vka::model
