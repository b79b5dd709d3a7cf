#include "report/internal/typeset.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "report/internal/text.h"

namespace vka::report::internal {

// Families are lists: Noto Serif and Noto Sans lack Armenian, which Debian
// ships as separate families in the same package (fonts-noto-core).
struct Style {
  const char* family;
  double size;  // points
  bool bold = false;
  uint16_t grey = 0x11;  // text colour, 0 (black) to 0xFF
  bool justify = false;
};

struct RowGeometry {
  std::vector<double> x;      // left edge of each column
  std::vector<double> width;  // width of each column
};

namespace {

constexpr char kSerif[] = "Noto Serif,Noto Serif Armenian,DejaVu Serif";
constexpr char kSans[] = "Noto Sans,Noto Sans Armenian,DejaVu Sans";
constexpr char kMono[] = "DejaVu Sans Mono,Noto Sans Armenian";

constexpr Style kBody{kSerif, 10.5, false, 0x11, true};
constexpr Style kBullet{kSerif, 10.5};
constexpr Style kTitle{kSans, 20, true};
constexpr Style kSubtitle{kSans, 12, false, 0x44};
constexpr Style kHeadings[] = {{kSans, 15, true}, {kSans, 12.5, true}, {kSans, 11, true}};
constexpr Style kCell{kSans, 8.5};
constexpr Style kHeaderCell{kSans, 8.5, true};
constexpr Style kPre{kMono, 8.5};
constexpr Style kNote{kSerif, 8};
constexpr Style kFooter{kSans, 7.5, false, 0x55};

constexpr double kHeadingSpace[] = {18, 13, 10};  // before, by level
constexpr double kHeadingAfter = 4;
constexpr double kParagraphSpace = 6;
constexpr double kBulletSpace = 2.5;  // between consecutive bullets
constexpr double kBulletIndent = 14;
constexpr double kBulletLabelX = 4;
constexpr double kPreIndent = 8;
constexpr double kTableSpace = 9;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 2.5;
constexpr double kMinCellText = 4;                      // narrowest text column in a cell
constexpr double kMaxRepeatedHeader = kBodyHeight / 4;  // taller: not repeated
constexpr double kNoteLabelWidth = 16;
constexpr double kNoteGap = 2;  // above each footnote
constexpr double kTitleRule = 0.6;
constexpr double kTitleRuleGrey = 0.4;
constexpr double kTitleAfter = 14;
constexpr double kMarkerScale = 0.65;  // superscript: top stays within the
constexpr double kMarkerRise = 0.33;   // line's ascent, so no line grows

// Where one line of a layout lies, in points from the layout's top left.
struct LineInfo {
  PangoLayoutLine* line;
  double x, top, bottom, baseline;
};

std::vector<LineInfo> LinesOf(PangoLayout* layout) {
  std::vector<LineInfo> lines;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    lines.push_back({pango_layout_iter_get_line_readonly(it), pango_units_to_double(logical.x),
                     pango_units_to_double(y0), pango_units_to_double(y1),
                     pango_units_to_double(pango_layout_iter_get_baseline(it))});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return lines;
}

// Column left edges and widths for the body width.
RowGeometry ColumnGeometry(const Table& table, size_t columns) {
  std::vector<double> weights = table.widths;
  if (weights.empty()) weights.assign(columns, 1.0);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  RowGeometry geometry;
  double left = 0;
  for (double w : weights) {
    geometry.x.push_back(left);
    geometry.width.push_back(kBodyWidth * w / total);
    left += geometry.width.back();
  }
  return geometry;
}

struct RowSlice {
  double height = 0;
  Drawable drawable;
};

// Takes from each cell, from (*start)[cell] on, the lines that fit in limit
// (at least one) and advances (*start)[cell] past them.
RowSlice SliceRow(const std::vector<std::vector<LineInfo>>& cells, const RowGeometry& geometry,
                  double limit, bool fill, std::vector<size_t>* start) {
  RowSlice slice;
  double content = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    const std::vector<LineInfo>& lines = cells[c];
    size_t end = (*start)[c];
    if (end >= lines.size()) continue;
    const double top = lines[end].top;
    while (end < lines.size() && (end == (*start)[c] || lines[end].bottom - top <= limit)) {
      const LineInfo& line = lines[end++];
      slice.drawable.lines.push_back(
          {line.line, geometry.x[c] + kCellPadX + line.x, kCellPadY + line.baseline - top});
    }
    content = std::max(content, lines[end - 1].bottom - top);
    (*start)[c] = end;
  }
  slice.height = content + 2 * kCellPadY;
  for (size_t c = 0; c < cells.size(); ++c) {
    slice.drawable.boxes.push_back({geometry.x[c], 0, geometry.width[c], slice.height, fill, true});
  }
  return slice;
}

bool LinesLeft(const std::vector<std::vector<LineInfo>>& cells, const std::vector<size_t>& start) {
  for (size_t c = 0; c < cells.size(); ++c) {
    if (start[c] < cells[c].size()) return true;
  }
  return false;
}

const std::vector<std::string>& RowNotes(const Table& table, size_t row) {
  static const std::vector<std::string> kNone;
  return row < table.row_notes.size() ? table.row_notes[row] : kNone;
}

// The text colour, and a superscript from marker_begin to text_end.
PangoAttrList* TextAttributes(const Style& style, size_t marker_begin, size_t text_end) {
  PangoAttrList* attrs = pango_attr_list_new();
  const auto grey = static_cast<uint16_t>(style.grey * 0x101);
  pango_attr_list_insert(attrs, pango_attr_foreground_new(grey, grey, grey));
  if (marker_begin == text_end) return attrs;
  const int rise = pango_units_from_double(kMarkerRise * style.size);
  for (PangoAttribute* a : {pango_attr_scale_new(kMarkerScale), pango_attr_rise_new(rise)}) {
    a->start_index = static_cast<unsigned>(marker_begin);
    a->end_index = static_cast<unsigned>(text_end);
    pango_attr_list_insert(attrs, a);
  }
  return attrs;
}

}  // namespace

Typesetter::Typesetter(PangoContext* context) : context_(context) {}

LayoutPtr Typesetter::NewLayout(const std::string& text, const Style& style, double width,
                                const std::string& marker) {
  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, style.family);
  pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
  if (style.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), pango_units_from_double(width));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_justify(layout.get(), style.justify);
  const std::string clean = CleanText(text);
  const std::string full = clean + marker;
  pango_layout_set_text(layout.get(), full.data(), static_cast<int>(full.size()));
  PangoAttrList* attrs = TextAttributes(style, clean.size(), full.size());
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  return layout;
}

PangoLayout* Typesetter::Keep(LayoutPtr layout) {
  layouts_.push_back(std::move(layout));
  return layouts_.back().get();
}

LayoutPtr Typesetter::FooterLayout(const std::string& text, double width) {
  LayoutPtr layout = NewLayout(text, kFooter, width);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_single_paragraph_mode(layout.get(), true);
  return layout;
}

int Typesetter::PushUnit(FlowUnit unit, Drawable drawable) {
  unit.page_break_before = std::exchange(break_pending_, false);
  units_.push_back(unit);
  unit_drawables_.push_back(std::move(drawable));
  return static_cast<int>(units_.size()) - 1;
}

int Typesetter::AddLines(PangoLayout* layout, double x, double space_before, KeepRule keep,
                         NoteRange notes) {
  const std::vector<LineInfo> lines = LinesOf(layout);
  const size_t n = lines.size();
  int first = -1;
  for (size_t k = 0; k < n; ++k) {
    FlowUnit unit;
    unit.height = lines[k].bottom - lines[k].top;
    if (k == 0) unit.space_before = space_before;
    // Orphans and widows: a break after line k+1 leaves at least 2 lines
    // on either side.
    const size_t above = k + 1, below = n - above;
    unit.keep_with_next = keep == KeepRule::kAll || (below > 0 && (above < 2 || below < 2));
    if (k + 1 == n) {
      unit.notes_begin = notes.begin;
      unit.notes_end = notes.end;
    }
    Drawable drawable;
    drawable.lines.push_back({lines[k].line, x + lines[k].x, lines[k].baseline - lines[k].top});
    const int index = PushUnit(unit, std::move(drawable));
    if (k == 0) first = index;
  }
  return first;
}

void Typesetter::AddLabel(int unit, PangoLayout* label, double x) {
  Drawable& drawable = unit_drawables_[unit];
  drawable.lines.push_back(
      {pango_layout_get_line_readonly(label, 0), x, drawable.lines.front().baseline});
}

std::string Typesetter::Marker(size_t count) const {
  const int first = notes_numbered_ + 1;
  const int last = notes_numbered_ + static_cast<int>(count);
  if (count >= 3) return std::to_string(first) + "\u2013" + std::to_string(last);  // "2–9"
  std::string marker;
  for (int n = first; n <= last; ++n) marker += (n > first ? "," : "") + std::to_string(n);
  return marker;
}

NoteRange Typesetter::AddNotes(const std::vector<std::string>& notes) {
  const int begin = static_cast<int>(note_heights_.size());
  for (const std::string& note : notes) {
    PangoLayout* label = Keep(NewLayout(std::to_string(++notes_numbered_), kNote, kNoteLabelWidth));
    PangoLayout* text = Keep(NewLayout(note, kNote, kBodyWidth - kNoteLabelWidth));
    const std::vector<LineInfo> lines = LinesOf(text);
    for (size_t k = 0; k < lines.size(); ++k) {
      const double gap = k == 0 ? kNoteGap : 0;
      Drawable drawable;
      const double baseline = gap + lines[k].baseline - lines[k].top;
      drawable.lines.push_back({lines[k].line, kNoteLabelWidth + lines[k].x, baseline});
      if (k == 0) drawable.lines.push_back({pango_layout_get_line_readonly(label, 0), 0, baseline});
      note_heights_.push_back(gap + lines[k].bottom - lines[k].top);
      note_drawables_.push_back(std::move(drawable));
    }
  }
  return {begin, static_cast<int>(note_heights_.size())};
}

void Typesetter::Build(const Document& doc) {
  AddTitle(doc);
  HeadingCounter headings;
  for (const Block& block : doc.blocks) {
    switch (block.type) {
      case Block::Type::kHeading1:
      case Block::Type::kHeading2:
      case Block::Type::kHeading3:
        AddHeading(block, headings.Next(block.type));
        break;
      case Block::Type::kTable:
        AddTable(block);
        break;
      case Block::Type::kPageBreak:
        break_pending_ = !units_.empty();
        break;
      default:
        AddText(block);
    }
    after_bullet_ = block.type == Block::Type::kBullet;
  }
}

void Typesetter::AddTitle(const Document& doc) {
  if (doc.title.empty() && doc.subtitle.empty()) return;
  if (!doc.title.empty()) {
    AddLines(Keep(NewLayout(doc.title, kTitle, kBodyWidth)), 0, 0, KeepRule::kAll, {});
  }
  if (!doc.subtitle.empty()) {
    AddLines(Keep(NewLayout(doc.subtitle, kSubtitle, kBodyWidth)), 0, 2, KeepRule::kAll, {});
  }
  Drawable rule;
  rule.boxes.push_back({0, kTitle.size / 2, kBodyWidth, kTitleRule, true, false, kTitleRuleGrey});
  PushUnit({.height = kTitle.size / 2 + kTitleRule + kTitleAfter}, std::move(rule));
}

void Typesetter::AddHeading(const Block& block, const std::string& number) {
  const int level = HeadingLevel(block.type);
  const std::string marker = Marker(block.notes.size());
  PangoLayout* layout =
      Keep(NewLayout(number + "  " + block.text, kHeadings[level - 1], kBodyWidth, marker));
  const NoteRange notes = AddNotes(block.notes);
  const int first = AddLines(layout, 0, kHeadingSpace[level - 1], KeepRule::kAll, notes);
  units_.back().height += kHeadingAfter;
  unit_drawables_[first].outline_level = level;
  unit_drawables_[first].outline_text = CleanText(number + " " + block.text);
}

// Paragraphs, bullets and preformatted text.
void Typesetter::AddText(const Block& block) {
  const bool bullet = block.type == Block::Type::kBullet;
  const bool pre = block.type == Block::Type::kPreformatted;
  const Style& style = bullet ? kBullet : pre ? kPre : kBody;
  const double x = bullet ? kBulletIndent : pre ? kPreIndent : 0;
  const double space = bullet && after_bullet_ ? kBulletSpace : kParagraphSpace;
  PangoLayout* text =
      Keep(NewLayout(block.text, style, kBodyWidth - x, Marker(block.notes.size())));
  const int first = AddLines(text, x, space, KeepRule::kOrphansWidows, AddNotes(block.notes));
  if (bullet) AddLabel(first, Keep(NewLayout("\u2022", kBullet, kBulletIndent)), kBulletLabelX);
}

// Tables: each row is one unit, or several slices when taller than a page
// (minus the repeated header and room for the row's notes).
void Typesetter::AddTable(const Block& block) {
  const Table& table = block.table;
  double space = kTableSpace;
  if (!block.text.empty() || !block.notes.empty()) {
    const std::string marker = Marker(block.notes.size());
    PangoLayout* caption = Keep(NewLayout(block.text, kHeaderCell, kBodyWidth, marker));
    AddLines(caption, 0, space, KeepRule::kAll, AddNotes(block.notes));
    space = 2;
  }
  const size_t columns = ColumnCount(table);
  if (columns == 0) return;
  const RowGeometry geometry = ColumnGeometry(table, columns);
  int header = -1;
  if (!table.header.empty()) {
    auto [first, slices] = AddRow(table.header, kHeaderCell, geometry, "", {}, -1, space);
    if (slices == 1 && units_[first].height <= kMaxRepeatedHeader && !table.rows.empty()) {
      units_[first].keep_with_next = true;
      header = first;
    }
    space = 0;
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::string marker = Marker(RowNotes(table, r).size());
    const NoteRange notes = AddNotes(RowNotes(table, r));
    AddRow(table.rows[r], kCell, geometry, marker, notes, header, r == 0 ? space : 0);
  }
}

std::pair<int, int> Typesetter::AddRow(const std::vector<std::string>& texts, const Style& style,
                                       const RowGeometry& geometry, const std::string& marker,
                                       NoteRange notes, int header, double space_before) {
  std::vector<std::vector<LineInfo>> cells;
  for (size_t c = 0; c < geometry.x.size(); ++c) {
    const double text_width = std::max(kMinCellText, geometry.width[c] - 2 * kCellPadX);
    const std::string& text = c < texts.size() ? texts[c] : "";
    cells.push_back(LinesOf(Keep(NewLayout(text, style, text_width, c == 0 ? marker : ""))));
  }
  double notes_room = 0;
  for (int n = notes.begin; n < notes.end; ++n) notes_room += note_heights_[n];
  if (notes_room > 0) notes_room = std::min(notes_room + kNoteSeparator, kBodyHeight / 3);
  const double header_height = header >= 0 ? units_[header].height : 0;
  const double limit = kBodyHeight - header_height - notes_room - 2 * kCellPadY;

  std::vector<size_t> start(cells.size(), 0);
  int first = -1, slices = 0;
  bool notes_placed = false;
  do {
    RowSlice slice = SliceRow(cells, geometry, limit, style.bold, &start);
    FlowUnit unit{.height = slice.height, .header = header};
    if (slices == 0) unit.space_before = space_before;
    if (!notes_placed && start[0] == cells[0].size()) {  // the marker's slice
      unit.notes_begin = notes.begin;
      unit.notes_end = notes.end;
      notes_placed = true;
    }
    const int index = PushUnit(unit, std::move(slice.drawable));
    if (slices++ == 0) first = index;
  } while (LinesLeft(cells, start));
  return {first, slices};
}

}  // namespace vka::report::internal
