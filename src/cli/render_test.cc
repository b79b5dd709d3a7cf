#include "cli/render.h"

#include <gtest/gtest.h>

namespace vka::cli {
namespace {

TEST(Render, LabelsPreferNamesThenTitles) {
  EXPECT_EQ(RecordLabel(R"({"names":[{"value":"Հովհաննիսյան"},{"value":"Оганесян"}]})"),
            "Հովհաննիսյան / Оганесян");
  EXPECT_EQ(RecordLabel(R"({"title":"Night of 13 January","type":"x"})"), "Night of 13 January");
  EXPECT_EQ(RecordLabel(R"({"type":"killing"})"), "killing");
  EXPECT_EQ(RecordLabel("not json"), "");
}

TEST(Render, DiffShowsChangedAddedAndRemovedFields) {
  std::string diff = DiffBodies(R"({"a":1,"b":"x","c":true})", R"({"a":1,"b":"y","d":2})");
  EXPECT_EQ(diff,
            "    b: \"x\" → \"y\"\n"
            "    c: true → (removed)\n"
            "    d: (none) → 2\n");
}

}  // namespace
}  // namespace vka::cli
