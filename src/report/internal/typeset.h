#pragma once

// Typesetting with Pango: turns a Document into the flow units and footnote
// lines that paginate.h breaks into pages, and keeps the Pango layouts that
// draw them. All lengths are in points (1/72 in), y growing downwards.

#include <pango/pango.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "report/document.h"
#include "report/internal/paginate.h"

namespace vka::report::internal {

inline constexpr double kPageWidth = 595.2756;   // A4: 210 mm
inline constexpr double kPageHeight = 841.8898;  // 297 mm
inline constexpr double kMargin = 56.6929;       // 2 cm
inline constexpr double kBodyWidth = kPageWidth - 2 * kMargin;
inline constexpr double kBodyHeight = kPageHeight - 2 * kMargin;
inline constexpr double kNoteSeparator = 14;  // gap, rule, gap above notes

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// One line of a layout, placed relative to the top left of its unit.
struct LineDraw {
  PangoLayoutLine* line = nullptr;  // owned by a layout of the Typesetter
  double x = 0;
  double baseline = 0;
};

// A rectangle relative to the top left of its unit: filled, stroked with a
// thin grey line, or both (table cells).
struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool fill = false;
  bool stroke = false;
  double grey = 0.9;  // fill colour, 0 (black) to 1 (white)
};

// What to draw for one flow unit or one footnote line.
struct Drawable {
  std::vector<Box> boxes;  // drawn first
  std::vector<LineDraw> lines;
  int outline_level = 0;     // 1..3 on a heading's first line, else 0
  std::string outline_text;  // "1.2 Title" for the PDF outline
};

struct Style;        // a font and colour, typeset.cc
struct RowGeometry;  // a table's column edges, typeset.cc

// A range [begin, end) of footnote lines.
struct NoteRange {
  int begin = 0;
  int end = 0;
};

// Lays out one document. Not thread-safe; one per rendering.
class Typesetter {
 public:
  // context is borrowed and must outlive the Typesetter.
  explicit Typesetter(PangoContext* context);

  // REQUIRES: ValidateDocument(doc).ok(). Call once.
  void Build(const Document& doc);

  // Valid for the Typesetter's lifetime (the lines point into its layouts).
  const std::vector<FlowUnit>& units() const { return units_; }
  const std::vector<double>& note_heights() const { return note_heights_; }
  const Drawable& unit_drawable(int unit) const { return unit_drawables_[unit]; }
  const Drawable& note_drawable(int line) const { return note_drawables_[line]; }

  // A one-line footer text of at most width points, ellipsized in the middle.
  LayoutPtr FooterLayout(const std::string& text, double width);

 private:
  enum class KeepRule { kAll, kOrphansWidows };

  // A layout of text, with the superscript footnote marker appended.
  LayoutPtr NewLayout(const std::string& text, const Style& style, double width,
                      const std::string& marker = "");
  PangoLayout* Keep(LayoutPtr layout);             // stores it; returns it
  int PushUnit(FlowUnit unit, Drawable drawable);  // returns its index
  // Appends one unit per line of layout; the last line brings notes.
  // Returns the first unit's index.
  int AddLines(PangoLayout* layout, double x, double space_before, KeepRule keep, NoteRange notes);
  // Draws label's first line at x on the baseline of unit's first line.
  void AddLabel(int unit, PangoLayout* label, double x);
  // The marker text for the next count notes: "3", "3,4" or "3–7".
  std::string Marker(size_t count) const;
  // Numbers and typesets notes as note lines.
  NoteRange AddNotes(const std::vector<std::string>& notes);
  void AddTitle(const Document& doc);
  void AddHeading(const Block& block, const std::string& number);
  void AddText(const Block& block);
  void AddTable(const Block& block);
  // Appends a row as one unit, or as slices if taller than a page. Returns
  // the first unit's index and the number of units.
  std::pair<int, int> AddRow(const std::vector<std::string>& texts, const Style& style,
                             const RowGeometry& geometry, const std::string& marker,
                             NoteRange notes, int header, double space_before);

  PangoContext* context_;
  std::vector<LayoutPtr> layouts_;
  std::vector<FlowUnit> units_;
  std::vector<Drawable> unit_drawables_;
  std::vector<double> note_heights_;
  std::vector<Drawable> note_drawables_;
  int notes_numbered_ = 0;
  bool break_pending_ = false;  // a page break precedes the next unit
  bool after_bullet_ = false;   // the previous block was a bullet
};

}  // namespace vka::report::internal
