#pragma once

// Page breaking, pure: heights in, page plans out (no Pango here).
//
// The flow is a sequence of units (a line of text, a table row or a slice
// of a tall row) in reading order; a unit may bring footnote lines. The
// rules, in order:
//  - A page holds body units from the top and footnote lines at the bottom,
//    under a separator; the two never overlap.
//  - Units linked by keep_with_next form a chain that goes on one page
//    (headings keep with what follows; orphan and widow lines keep with
//    their neighbours; a table header keeps with the first row).
//  - A chain goes on the current page only if it fits together with ALL
//    the footnote lines its units bring; otherwise it moves to the next
//    page. So a footnote always starts on the page of its marker.
//  - Only a chain that does not fit even on an empty page is split, unit
//    by unit. A unit placed there whose footnotes do not fit carries the
//    rest over: they continue at the top of the next page's footnote area,
//    before that page's own notes (pages of notes only if need be).
//  - A unit with a table header that opens a page gets the header first.
//  - space_before is dropped at the top of a page.

#include <vector>

namespace vka::report::internal {

struct FlowUnit {
  double height = 0;
  double space_before = 0;  // dropped at the top of a page
  bool keep_with_next = false;
  bool page_break_before = false;
  int header = -1;      // unit index of a table header to repeat, or -1
  int notes_begin = 0;  // this unit brings note lines [notes_begin,
  int notes_end = 0;    // notes_end); ranges ascend through the flow
};

struct PageGeometry {
  double body_height = 0;     // from the top margin to the bottom margin
  double note_separator = 0;  // added above the first footnote line of a page
};

struct PlacedUnit {
  int unit = 0;
  double y = 0;  // top of the unit, from the top of the body
};

struct PagePlan {
  std::vector<PlacedUnit> body;  // repeated headers appear as units too
  int notes_begin = 0;           // note lines [notes_begin, notes_end) go at
  int notes_end = 0;             // the bottom of this page, in order
  double notes_height = 0;       // their total height, without the separator
};

// Breaks units into pages. note_heights[i] is the height of note line i.
// Always returns at least one page. A unit or note line taller than a page
// is placed alone on a page and overflows it.
// REQUIRES: every unit's notes range lies within note_heights, ranges
// ascend and do not overlap; header indexes point to earlier units.
std::vector<PagePlan> Paginate(const std::vector<FlowUnit>& units,
                               const std::vector<double>& note_heights,
                               const PageGeometry& geometry);

}  // namespace vka::report::internal
