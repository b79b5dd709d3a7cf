#include "base/toml.h"

#include <gtest/gtest.h>

namespace vka::base {
namespace {

TEST(Toml, NonAsciiStringsAndKeysComeBackAsWritten) {
  // A line-ending backslash before Cyrillic text is one of the inputs that
  // reach undefined behaviour in Debian's toml++ without the workaround.
  const char* text =
      "name = \"Բաքու 1988–1990\"\n"
      "note = \"\"\"\\\n   Оганесян\"\"\"\n"
      "[columns.\"Ազգանուն\"]\nfield = \"names[]\"\n";
  auto table = ParseToml(text, "test.toml");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)["name"].value<std::string>(), "Բաքու 1988–1990");
  EXPECT_EQ((*table)["note"].value<std::string>(), "Оганесян");
  const toml::table* columns = (*table)["columns"].as_table();
  ASSERT_NE(columns, nullptr);
  ASSERT_EQ(columns->size(), 1u);
  EXPECT_EQ(TomlKeyText(columns->begin()->first), "Ազգանուն");
}

TEST(Toml, ErrorsNameFileLineAndColumn) {
  auto r = ParseToml("a = 1\nb = \n", "x.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind("x.toml:2:", 0), 0u) << r.status().message();
  auto bad = ParseToml(std::string("a = \"\xff\"\n"), "y.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("invalid UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace vka::base
