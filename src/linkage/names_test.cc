#include "linkage/names.h"

#include <gtest/gtest.h>

namespace vka::linkage {
namespace {

class NamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = NameNormalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    norm_ = std::move(*n);
  }
  std::string Key(const char* name) { return PhoneticKey(norm_->ToLatin(name)); }
  std::unique_ptr<NameNormalizer> norm_;
};

TEST_F(NamesTest, ToLatinFoldsScriptsAndIcuDefects) {
  EXPECT_EQ(norm_->ToLatin("Հովհաննիսյան"), "hovhannisyan");
  EXPECT_EQ(norm_->ToLatin("Оганесян"), "oganesyan");
  EXPECT_EQ(norm_->ToLatin("Երևան"), "yerevan");
  EXPECT_EQ(norm_->ToLatin("Ոսկանյան"), "voskanyan");
  EXPECT_EQ(norm_->ToLatin("Թորոսյան"), "torosyan");  // no BGN "T'vorosyan"
  EXPECT_EQ(norm_->ToLatin("Фёдор Щербаков"), "fyodor shcherbakov");  // not "serbakov"
  EXPECT_EQ(norm_->ToLatin("Hačaturân"), "hachaturyan");
  EXPECT_EQ(norm_->ToLatin("Тер-Петросян"), "terpetrosyan");
  EXPECT_EQ(norm_->ToLatin("  O'Brien  "), "obrien");
}

TEST_F(NamesTest, SameKeyAcrossScripts) {
  const std::string k = Key("Հովհաննիսյան");
  EXPECT_EQ(Key("Оганесян"), k);
  EXPECT_EQ(Key("Hovhannisyan"), k);
  EXPECT_EQ(Key("Ovanesyan"), k);
  EXPECT_EQ(Key("Hovannisian"), k);
  EXPECT_EQ(Key("Хачатурян"), Key("Khachatryan"));
  EXPECT_EQ(Key("Խաչատրյան"), Key("Khachatrian"));
  EXPECT_EQ(Key("Геворкян"), Key("Kevorkian"));
  EXPECT_EQ(Key("Գևորգյան"), Key("Gevorgyan"));
  EXPECT_EQ(Key("Ղազարյան"), Key("Казарян"));
  EXPECT_EQ(Key("Симонянц"), Key("Simonyan"));
  EXPECT_EQ(Key("Կարապետյան"), Key("Karapetian"));
  EXPECT_EQ(Key("Hakob"), Key("Акоп"));
  EXPECT_EQ(Key("Джагинян"), Key("Jaginyan"));
  EXPECT_EQ(Key("Ծատուրյան"), Key("Tsaturyan"));
}

TEST_F(NamesTest, DifferentNamesDifferentKeys) {
  EXPECT_NE(Key("Петросян"), Key("Погосян"));
  EXPECT_NE(Key("Sargsyan"), Key("Saroyan"));
  EXPECT_NE(Key("Hovhannes"), Key("Hovhannisyan"));  // given vs family form
  EXPECT_NE(Key("Арам"), Key("Армен"));
  EXPECT_NE(Key("Karapetyan"), Key("Grigoryan"));
}

TEST_F(NamesTest, Patronymics) {
  EXPECT_EQ(PatronymicRoot("stepanovna").value(), "stepan");
  EXPECT_EQ(PatronymicRoot("ashotovich").value(), "ashot");
  EXPECT_EQ(PatronymicRoot("grachevna").value(), "grach");
  EXPECT_FALSE(PatronymicRoot("stepan").has_value());
  // Armenian genitive (Աշոտի) and Russian patronymic share the father's key.
  EXPECT_EQ(PatronymicKey(norm_->ToLatin("Աշոտի")), PatronymicKey(norm_->ToLatin("Ашотович")));
  EXPECT_EQ(PatronymicKey(norm_->ToLatin("Հրանտի")), PatronymicKey(norm_->ToLatin("Грантович")));
  EXPECT_NE(PatronymicKey("ashotovich"), PatronymicKey("aramovich"));
}

TEST_F(NamesTest, Diminutives) {
  auto d = Diminutives::Embedded(*norm_);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT(d->size(), 20u);
  EXPECT_EQ(d->Canonical(Key("Гриша")), Key("Grigor"));
  EXPECT_EQ(d->Canonical(Key("Հովիկ")), Key("Hovhannes"));
  EXPECT_EQ(d->Canonical(Key("Aram")), Key("Aram"));
  EXPECT_FALSE(Diminutives::Parse("no tab here\n", *norm_).ok());
}

}  // namespace
}  // namespace vka::linkage
