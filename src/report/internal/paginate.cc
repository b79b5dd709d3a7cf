#include "report/internal/paginate.h"

#include <cstddef>
#include <utility>

namespace vka::report::internal {
namespace {

constexpr double kEpsilon = 1e-6;  // points; absorbs rounding in sums

class Paginator {
 public:
  Paginator(const std::vector<FlowUnit>& units, const std::vector<double>& note_heights,
            const PageGeometry& geometry)
      : units_(units), notes_(note_heights), geometry_(geometry) {}

  std::vector<PagePlan> Run() {
    size_t i = 0;
    while (i < units_.size()) {
      if (units_[i].page_break_before && !BodyEmpty()) NewPage();
      const size_t end = ChainEnd(i);
      if (ChainFits(i, end)) {
        for (size_t u = i; u < end; ++u) Place(u);
        i = end;
      } else if (!PageBlank()) {
        NewPage();
      } else {
        PlaceGreedily(i, end);
        i = end;
      }
    }
    while (next_note_ < committed_) NewPage();  // flush carried-over notes
    pages_.push_back(page_);
    return std::move(pages_);
  }

 private:
  bool BodyEmpty() const { return page_.body.empty(); }
  bool PageBlank() const { return BodyEmpty() && page_.notes_end == page_.notes_begin; }

  double NoteArea(double lines_height) const {
    return lines_height > 0 ? lines_height + geometry_.note_separator : 0;
  }

  bool Fits(double body_extra, double notes_extra) const {
    return used_ + body_extra + NoteArea(page_.notes_height + notes_extra) <=
           geometry_.body_height + kEpsilon;
  }

  // Body units may join a page only while no notes are carried over.
  bool CanPlace(double body_extra, double notes_extra) const {
    return next_note_ == committed_ && Fits(body_extra, notes_extra);
  }

  // One past the last unit of the keep_with_next chain starting at i.
  size_t ChainEnd(size_t i) const {
    while (i + 1 < units_.size() && units_[i].keep_with_next && !units_[i + 1].page_break_before) {
      ++i;
    }
    return i + 1;
  }

  double UnitBody(size_t u, bool at_top) const {
    const FlowUnit& unit = units_[u];
    if (!at_top) return unit.space_before + unit.height;
    return unit.header >= 0 ? units_[unit.header].height + unit.height : unit.height;
  }

  double UnitNotes(size_t u) const {
    double sum = 0;
    for (int n = units_[u].notes_begin; n < units_[u].notes_end; ++n) sum += notes_[n];
    return sum;
  }

  bool ChainFits(size_t begin, size_t end) const {
    double body = 0, notes = 0;
    for (size_t u = begin; u < end; ++u) {
      body += UnitBody(u, u == begin && BodyEmpty());
      notes += UnitNotes(u);
    }
    return CanPlace(body, notes);
  }

  // A chain too tall for a blank page: as many units per page as fit.
  void PlaceGreedily(size_t begin, size_t end) {
    for (size_t u = begin; u < end; ++u) {
      while (!CanPlace(UnitBody(u, BodyEmpty()), UnitNotes(u)) && !PageBlank()) NewPage();
      Place(u);
    }
  }

  void Place(size_t u) {
    const FlowUnit& unit = units_[u];
    if (BodyEmpty() && unit.header >= 0) {
      AddBody(unit.header);
    } else if (!BodyEmpty()) {
      used_ += unit.space_before;
    }
    AddBody(static_cast<int>(u));
    if (unit.notes_end > committed_) committed_ = unit.notes_end;
    PlaceNotes();
  }

  void AddBody(int u) {
    page_.body.push_back({u, used_});
    used_ += units_[u].height;
  }

  // Places owed note lines while they fit; a blank note area takes at least
  // one line so that every page makes progress.
  void PlaceNotes() {
    while (next_note_ < committed_) {
      const double h = notes_[next_note_];
      const bool area_empty = page_.notes_end == page_.notes_begin;
      if (!Fits(0, h) && !(area_empty && BodyEmpty())) break;
      page_.notes_height += h;
      page_.notes_end = ++next_note_;
    }
  }

  void NewPage() {
    pages_.push_back(page_);
    page_ = PagePlan{};
    page_.notes_begin = page_.notes_end = next_note_;
    used_ = 0;
    PlaceNotes();                            // notes carried over
    if (next_note_ < committed_) NewPage();  // still more: a page of notes only
  }

  const std::vector<FlowUnit>& units_;
  const std::vector<double>& notes_;
  const PageGeometry geometry_;
  std::vector<PagePlan> pages_;
  PagePlan page_;
  double used_ = 0;    // body height used on this page
  int next_note_ = 0;  // first note line not yet placed
  int committed_ = 0;  // note lines owed by the units placed so far
};

}  // namespace

std::vector<PagePlan> Paginate(const std::vector<FlowUnit>& units,
                               const std::vector<double>& note_heights,
                               const PageGeometry& geometry) {
  return Paginator(units, note_heights, geometry).Run();
}

}  // namespace vka::report::internal
