#include "report/internal/paginate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace vka::report::internal {
namespace {

constexpr PageGeometry kGeometry{.body_height = 100, .note_separator = 10};

FlowUnit Unit(double height, bool keep = false) {
  return {.height = height, .keep_with_next = keep};
}

FlowUnit WithNotes(double height, int begin, int end) {
  return {.height = height, .notes_begin = begin, .notes_end = end};
}

std::vector<int> BodyUnits(const PagePlan& page) {
  std::vector<int> units;
  for (const PlacedUnit& p : page.body) units.push_back(p.unit);
  return units;
}

TEST(PaginateTest, EmptyFlowGivesOnePage) {
  auto pages = Paginate({}, {}, kGeometry);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(pages[0].body.empty());
}

TEST(PaginateTest, FillsPagesInOrderAndDropsSpaceAtTheTop) {
  std::vector<FlowUnit> units(5, Unit(30));
  for (auto& u : units) u.space_before = 5;
  auto pages = Paginate(units, {}, kGeometry);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[0]), (std::vector<int>{0, 1, 2}));
  EXPECT_DOUBLE_EQ(pages[0].body[0].y, 0);
  EXPECT_DOUBLE_EQ(pages[0].body[1].y, 35);
  EXPECT_DOUBLE_EQ(pages[0].body[2].y, 70);
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{3, 4}));
  EXPECT_DOUBLE_EQ(pages[1].body[0].y, 0);
}

TEST(PaginateTest, KeepsChainsTogether) {
  // 60 + (heading 20 kept with 30): the chain moves to page 2.
  auto pages = Paginate({Unit(60), Unit(20, true), Unit(30)}, {}, kGeometry);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[0]), (std::vector<int>{0}));
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{1, 2}));
}

TEST(PaginateTest, MovesAUnitWhoseNotesDoNotFitToTheNextPage) {
  // Unit 1 fits alone (50 + 30) but not with its notes (+10 separator + 25).
  auto pages = Paginate({Unit(50), WithNotes(30, 0, 2)}, {10, 15}, kGeometry);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[0]), (std::vector<int>{0}));
  EXPECT_EQ(pages[0].notes_end - pages[0].notes_begin, 0);
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{1}));
  EXPECT_EQ(pages[1].notes_begin, 0);
  EXPECT_EQ(pages[1].notes_end, 2);
  EXPECT_DOUBLE_EQ(pages[1].notes_height, 25);
}

TEST(PaginateTest, NotesShareThePageWithTheirUnit) {
  auto pages = Paginate({WithNotes(20, 0, 1), WithNotes(20, 1, 2)}, {5, 5}, kGeometry);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].notes_begin, 0);
  EXPECT_EQ(pages[0].notes_end, 2);
}

TEST(PaginateTest, RepeatsTheTableHeaderOnContinuationPages) {
  std::vector<FlowUnit> units = {Unit(10, true)};  // header, kept with row 1
  for (int r = 0; r < 6; ++r) units.push_back({.height = 30, .header = 0});
  auto pages = Paginate(units, {}, kGeometry);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[0]), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{0, 4, 5, 6}));
  EXPECT_DOUBLE_EQ(pages[1].body[1].y, 10);
}

TEST(PaginateTest, CarriesOverlongNotesToTheNextPagesNotesArea) {
  // A unit whose four notes (40 each) cannot fit on any page with it.
  auto pages = Paginate({WithNotes(20, 0, 4), Unit(20)}, {40, 40, 40, 40}, kGeometry);
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[0]), (std::vector<int>{0}));
  EXPECT_EQ(pages[0].notes_begin, 0);
  EXPECT_EQ(pages[0].notes_end, 1);  // 20 + 10 + 40 = 70; a second note would not fit
  EXPECT_EQ(pages[1].notes_begin, 1);
  EXPECT_EQ(pages[1].notes_end, 3);  // 10 + 80 = 90
  EXPECT_EQ(pages.back().notes_end, 4);
}

TEST(PaginateTest, HonoursPageBreaks) {
  std::vector<FlowUnit> units = {Unit(10), Unit(10), Unit(10)};
  units[1].page_break_before = true;
  auto pages = Paginate(units, {}, kGeometry);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{1, 2}));
}

TEST(PaginateTest, PlacesAnOversizedUnitAloneOnAPage) {
  auto pages = Paginate({Unit(10), Unit(150), Unit(10)}, {}, kGeometry);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(BodyUnits(pages[1]), (std::vector<int>{1}));
}

// Random flows: every unit placed once in order, every note line once in
// order, nothing overlaps unless forced, no note before its marker's page.
TEST(PaginateTest, RandomFlowsKeepTheInvariants) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<FlowUnit> units;
    std::vector<double> notes;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      FlowUnit u = Unit(1 + rng() % 40, rng() % 4 == 0);
      u.space_before = rng() % 6;
      u.notes_begin = static_cast<int>(notes.size());
      const int k = rng() % 5 == 0 ? static_cast<int>(rng() % 6) : 0;
      for (int j = 0; j < k; ++j) notes.push_back(1 + rng() % 30);
      u.notes_end = static_cast<int>(notes.size());
      units.push_back(u);
    }
    auto pages = Paginate(units, notes, kGeometry);
    int next_unit = 0, next_note = 0;
    std::vector<int> page_of(units.size(), -1);
    for (size_t p = 0; p < pages.size(); ++p) {
      const PagePlan& page = pages[p];
      ASSERT_EQ(page.notes_begin, next_note);
      next_note = page.notes_end;
      double bottom = 0;
      for (const PlacedUnit& placed : page.body) {
        EXPECT_GE(placed.y, bottom - 1e-9);
        bottom = placed.y + units[placed.unit].height;
        ASSERT_EQ(placed.unit, next_unit) << "trial " << trial;
        page_of[next_unit++] = static_cast<int>(p);
      }
      const double notes_area = page.notes_height > 0 ? page.notes_height + 10 : 0;
      const bool forced = page.body.size() == 1 || page.notes_end - page.notes_begin <= 1;
      if (!forced) {
        EXPECT_LE(bottom + notes_area, 100 + 1e-6) << "trial " << trial;
      }
    }
    // Notes carried out of a page were brought by its last unit (or an
    // earlier page's): no unit joins a page after a carry began.
    int owed = 0;
    for (const PagePlan& page : pages) {
      int owed_before_last = owed;
      for (const PlacedUnit& placed : page.body) {
        owed_before_last = owed;
        owed = std::max(owed, units[placed.unit].notes_end);
      }
      EXPECT_GE(page.notes_end, owed_before_last) << "trial " << trial;
    }
    EXPECT_EQ(next_unit, n);
    EXPECT_EQ(next_note, static_cast<int>(notes.size()));
    for (int u = 0; u < n; ++u) {
      if (units[u].notes_begin == units[u].notes_end) continue;
      // The first note of a unit is on the unit's page or later; if later,
      // no unit follows on the unit's page.
      for (size_t p = 0; p < pages.size(); ++p) {
        if (pages[p].notes_begin <= units[u].notes_begin &&
            units[u].notes_begin < pages[p].notes_end) {
          EXPECT_GE(static_cast<int>(p), page_of[u]);
          if (static_cast<int>(p) > page_of[u]) {
            EXPECT_EQ(pages[page_of[u]].body.back().unit, u) << "trial " << trial;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace vka::report::internal
