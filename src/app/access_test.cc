#include "app/access.h"

#include <gtest/gtest.h>

namespace vka::app {
namespace {

TEST(Access, ReadMatrixFollowsTheTable) {
  const char* levels[] = {"public", "internal", "restricted", "sealed"};
  struct Row {
    Role role;
    int readable;
  } rows[] = {{Role::kPublic, 1},   {Role::kViewer, 2}, {Role::kDocumenter, 2},
              {Role::kReviewer, 3}, {Role::kLawyer, 3}, {Role::kAdmin, 4}};
  for (const auto& row : rows) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(MayRead(row.role, levels[i]), i < row.readable)
          << RoleName(row.role) << " " << levels[i];
    }
    EXPECT_EQ(static_cast<int>(ReadableLevels(row.role).size()), row.readable);
  }
  EXPECT_FALSE(MayRead(Role::kAdmin, "secret"));
}

TEST(Access, RolesParseByNameButPublicIsNotAUserRole) {
  EXPECT_EQ(ParseUserRole("lawyer"), Role::kLawyer);
  EXPECT_EQ(RoleName(*ParseUserRole("documenter")), "documenter");
  EXPECT_FALSE(ParseUserRole("public").has_value());
  EXPECT_FALSE(ParseUserRole("Admin").has_value());
}

TEST(Access, RedactionDropsSensitiveFieldsAndHidesUnreadableRecords) {
  base::Json person = {{"id", "per_X"},
                       {"kind", "person"},
                       {"confidentiality", "internal"},
                       {"national_identity", "armenian"},
                       {"contacts", "+000"},
                       {"occupation", "teacher"}};
  auto viewer = RedactFor(Role::kViewer, model::Kind::kPerson, person);
  ASSERT_TRUE(viewer.has_value());
  EXPECT_FALSE(viewer->contains("national_identity"));
  EXPECT_FALSE(viewer->contains("contacts"));
  EXPECT_EQ((*viewer)["occupation"], "teacher");
  auto lawyer = RedactFor(Role::kLawyer, model::Kind::kPerson, person);
  ASSERT_TRUE(lawyer.has_value());
  EXPECT_EQ((*lawyer)["contacts"], "+000");
  EXPECT_FALSE(RedactFor(Role::kPublic, model::Kind::kPerson, person).has_value());
  person.erase("confidentiality");  // absent means internal
  EXPECT_EQ(ConfidentialityOf(person), "internal");
  person["confidentiality"] = "sealed";
  EXPECT_FALSE(RedactFor(Role::kLawyer, model::Kind::kPerson, person).has_value());
  EXPECT_TRUE(RedactFor(Role::kAdmin, model::Kind::kPerson, person).has_value());
}

}  // namespace
}  // namespace vka::app
