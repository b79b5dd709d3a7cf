// The calendar heat map: one block per year, a column per week (Monday at
// the top), a cell per day coloured by its number of acts.

#include <algorithm>
#include <cmath>
#include <map>

#include "chart/internal/charts.h"
#include "chart/internal/dates.h"
#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr int64_t kMaxCalendarYears = 30;  // the Russian note's "лет" fits this number
constexpr double kWeekdayRoom = 40;        // weekday names left of the cells
constexpr double kMaxCell = 40;
constexpr double kCellGap = 2;
constexpr double kNumbersFrom = 28;  // cells this large show the day and the count
constexpr double kMonthRow = 16;
constexpr double kYearGap = 10;
constexpr double kMinMonthLabelGap = 30;
constexpr double kDayNumberSize = 8;
constexpr double kCellPadding = 2;
constexpr int kClasses = 5;
constexpr double kDarkClassFrom = 3;  // classes from here get white numbers
constexpr Color kZeroColor = Rgb(0xebedf0);
// ColorBrewer YlOrRd, its lightest step left out (it vanishes on white).
constexpr Color kHeat[kClasses] = {Rgb(0xfed976), Rgb(0xfeb24c), Rgb(0xfd8d3c), Rgb(0xf03b20),
                                   Rgb(0xbd0026)};

struct YearBlock {
  int64_t year = 0;
  base::DayNumber first = 0;   // first day shown
  base::DayNumber last = 0;    // last day shown
  base::DayNumber monday = 0;  // Monday of the first column
  int64_t weeks = 0;
};

class CalendarChart {
 public:
  explicit CalendarChart(const Context& ctx)
      : ctx_(ctx), dates_(stats::CountDates(ctx.data->input.acts)) {
    for (const auto& [day, acts] : ActsPerDay(ctx.data->input.acts)) days_[day] = acts;
    if (days_.empty()) return;
    int64_t most = 0;
    for (const auto& [day, acts] : days_) most = std::max(most, acts);
    // Upper bounds of the classes: equal steps up to the busiest day, merged
    // where they round to the same count.
    for (int k = 1; k <= kClasses; ++k) {
      const auto upper = static_cast<int64_t>(std::ceil(static_cast<double>(most) * k / kClasses));
      if (uppers_.empty() || upper > uppers_.back()) uppers_.push_back(upper);
    }
    const CivilDate first = CivilFromDays(days_.begin()->first);
    const CivilDate last = CivilFromDays(days_.rbegin()->first);
    years_total_ = last.year - first.year + 1;
    for (int64_t year = first.year; year <= last.year && year < first.year + kMaxCalendarYears;
         ++year) {
      YearBlock b{year, std::max(days_.begin()->first, FirstOfYear(year)),
                  std::min(days_.rbegin()->first, FirstOfYear(year + 1) - 1)};
      b.monday = MondayOnOrBefore(b.first);
      b.weeks = (MondayOnOrBefore(b.last) - b.monday) / kDaysPerWeek + 1;
      weeks_ = std::max(weeks_, b.weeks);
      blocks_.push_back(b);
    }
  }

  std::string Title() const { return ctx_.Tr(Msg::kTitleCalendar); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), SituationSubtitle(ctx_));
    if (ctx_.data->input.acts.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoActs));
    } else if (days_.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoDatedActs));
    } else {
      for (const auto& block : blocks_) y = DrawYear(canvas, y, block);
      y = DrawLegend(canvas, y, Legend());
    }
    return DrawNotes(canvas, y, Notes()) + kMargin;
  }

 private:
  double Cell() const {
    const double fit = (kContentWidth - kWeekdayRoom) / static_cast<double>(weeks_) - kCellGap;
    return std::min(kMaxCell, std::floor(fit));
  }

  // The class index of a count, or -1 for none.
  int ClassOf(int64_t acts) const {
    if (acts == 0) return -1;
    const auto it = std::lower_bound(uppers_.begin(), uppers_.end(), acts);
    return static_cast<int>(it - uppers_.begin());
  }

  // Spreads the classes in use over the palette, darkest for the top class.
  Color ClassColor(int c) const {
    const int used = static_cast<int>(uppers_.size());
    return kHeat[kClasses - used + c];
  }

  double DrawYear(Canvas& canvas, double y, const YearBlock& b) const {
    const double cell = Cell();
    const double pitch = cell + kCellGap;
    const double left = kMargin + kWeekdayRoom;
    y += canvas.Text(kMargin, y, std::to_string(b.year), {.size = kLabelSize, .bold = true}).height;
    DrawMonthLabels(canvas, y, left, pitch, b);
    const double top = y + kMonthRow;
    for (int wd = 0; wd < kDaysPerWeek; ++wd) {
      if (cell < kLabelSize && wd % 2 == 1) continue;
      canvas.Text(left - kCellGap * 2, top + pitch * wd + cell / 2,
                  WeekdayAbbrev(wd, ctx_.language),
                  {.size = std::min(kSmallSize, cell),
                   .color = kMutedColor,
                   .align = Align::kRight,
                   .valign = VAlign::kMiddle});
    }
    for (base::DayNumber d = b.first; d <= b.last; ++d) {
      const double x =
          left + pitch * static_cast<double>((MondayOnOrBefore(d) - b.monday) / kDaysPerWeek);
      DrawDay(canvas, x, top + pitch * Weekday(d), cell, d);
    }
    return top + pitch * kDaysPerWeek + kYearGap;
  }

  void DrawMonthLabels(Canvas& canvas, double y, double left, double pitch,
                       const YearBlock& b) const {
    double last_x = -kMinMonthLabelGap;
    for (base::DayNumber d = b.first; d <= b.last; d = FirstOfNextMonth(d)) {
      const double x =
          left + pitch * static_cast<double>((MondayOnOrBefore(d) - b.monday) / kDaysPerWeek);
      if (x - last_x < kMinMonthLabelGap) continue;
      canvas.Text(x, y, MonthAbbrev(CivilFromDays(d).month, ctx_.language),
                  {.size = kSmallSize, .color = kMutedColor});
      last_x = x;
    }
  }

  void DrawDay(Canvas& canvas, double x, double y, double cell, base::DayNumber d) const {
    const auto it = days_.find(d);
    const int64_t acts = it == days_.end() ? 0 : it->second;
    const int c = ClassOf(acts);
    canvas.FillRect(x, y, cell, cell, c < 0 ? kZeroColor : ClassColor(c));
    if (cell < kNumbersFrom) return;
    const Color ink = c >= 0 && kClasses - static_cast<int>(uppers_.size()) + c >= kDarkClassFrom
                          ? kWhite
                          : kTextColor;
    canvas.Text(x + kCellPadding, y + kCellPadding / 2, std::to_string(CivilFromDays(d).day),
                {.size = kDayNumberSize, .color = ink});
    if (acts > 0) {
      canvas.Text(x + cell / 2, y + cell - kCellPadding, ctx_.Count(acts),
                  {.size = kSmallSize,
                   .bold = true,
                   .color = ink,
                   .align = Align::kCenter,
                   .valign = VAlign::kBottom});
    }
  }

  std::vector<LegendItem> Legend() const {
    std::vector<LegendItem> items{
        {ctx_.Tr(Msg::kPerDayLegend) + std::string(":"), kZeroColor, LegendItem::Mark::kNone},
        {"0", kZeroColor}};
    int64_t from = 1;
    for (size_t c = 0; c < uppers_.size(); ++c) {
      const std::string range = from == uppers_[c]
                                    ? ctx_.Count(from)
                                    : ctx_.Count(from) + "\u2013" + ctx_.Count(uppers_[c]);
      items.push_back({range, ClassColor(static_cast<int>(c))});
      from = uppers_[c] + 1;
    }
    return items;
  }

  std::vector<std::string> Notes() const {
    std::vector<std::string> notes = DatedCaveats(ctx_, dates_);
    if (years_total_ > kMaxCalendarYears) {
      notes.insert(notes.begin(), TrFormat(Msg::kCalendarTruncated, ctx_.language,
                                           {{"years", std::to_string(kMaxCalendarYears)}}));
    }
    return notes;
  }

  Context ctx_;
  stats::DateCoverage dates_;
  std::map<base::DayNumber, int64_t> days_;
  std::vector<int64_t> uppers_;
  std::vector<YearBlock> blocks_;
  int64_t weeks_ = 1;
  int64_t years_total_ = 0;
};

}  // namespace

Drawing PrepareCalendar(const Context& ctx) {
  auto chart = std::make_shared<const CalendarChart>(ctx);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
