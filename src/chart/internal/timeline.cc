// The timeline: stacked bars of acts per day (or week, or month) by type.

#include <algorithm>
#include <numeric>

#include "chart/internal/charts.h"
#include "chart/internal/dates.h"
#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr double kPlotHeight = 300;
constexpr double kAxisRoom = 64;  // tick labels and the axis title, left of the plot
constexpr double kPlotGap = 10;   // header to plot
constexpr double kBarFill = 0.8;  // share of its slot a bar fills when bins are few
constexpr size_t kMaxGappedBins = 60;
constexpr double kMinLabelledSlot = 24;  // slots this wide show their total above the bar
constexpr size_t kMaxBinLabels = 10;
constexpr double kTickLength = 4;
constexpr double kLabelGap = 3;
constexpr double kLineWidth = 1;

Msg TitleOf(Bin bin) {
  switch (bin) {
    case Bin::kWeek:
      return Msg::kTitleTimelineWeek;
    case Bin::kMonth:
      return Msg::kTitleTimelineMonth;
    case Bin::kYear:
      return Msg::kTitleTimelineYear;
    case Bin::kDay:
      break;
  }
  return Msg::kTitleTimelineDay;
}

Msg AxisOf(Bin bin) {
  switch (bin) {
    case Bin::kWeek:
      return Msg::kAxisWeek;
    case Bin::kMonth:
      return Msg::kAxisMonth;
    case Bin::kYear:
      return Msg::kAxisYear;
    case Bin::kDay:
      break;
  }
  return Msg::kAxisDay;
}

// "1990-04-02" for days and weeks; "Apr 1990" (in the language) for
// months; "1990" for years.
std::string BinLabel(Bin bin, base::DayNumber start, Language language) {
  const CivilDate c = CivilFromDays(start);
  switch (bin) {
    case Bin::kMonth:
      return std::string(MonthAbbrev(c.month, language)) + " " + std::to_string(c.year);
    case Bin::kYear:
      return std::to_string(c.year);
    case Bin::kDay:
    case Bin::kWeek:
      break;
  }
  return stats::DayString(start);
}

class TimelineChart {
 public:
  explicit TimelineChart(const Context& ctx) : ctx_(ctx), t_(BuildTimeline(ctx.data->input.acts)) {}

  std::string Title() const { return ctx_.Tr(TitleOf(t_.bin)); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), SituationSubtitle(ctx_));
    if (ctx_.data->input.acts.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoActs));
    } else if (t_.dates.single_day == 0) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoDatedActs));
    } else {
      y = DrawBars(canvas, y + kPlotGap);
      y = DrawLegend(canvas, y, Legend());
    }
    return DrawNotes(canvas, y, DatedCaveats(ctx_, t_.dates)) + kMargin;
  }

 private:
  // The plot with its axes; returns the y below the x-axis title.
  double DrawBars(Canvas& canvas, double top) const {
    std::vector<int64_t> totals;
    for (const auto& bin : t_.counts)
      totals.push_back(std::accumulate(bin.begin(), bin.end(), int64_t{0}));
    const Scale scale =
        NiceScale(static_cast<double>(*std::max_element(totals.begin(), totals.end())), 5, 1);
    const Plot plot{kMargin + kAxisRoom, top, kContentWidth - kAxisRoom, kPlotHeight};
    DrawCountAxisY(canvas, plot, scale, ctx_.language, ctx_.Tr(Msg::kAxisActs));
    const size_t n = t_.starts.size();
    const double slot = plot.width / static_cast<double>(n);
    const double bar = n <= kMaxGappedBins ? slot * kBarFill : slot;
    for (size_t i = 0; i < n; ++i) {
      const double x = plot.left + slot * static_cast<double>(i) + (slot - bar) / 2;
      double base = plot.bottom();
      for (size_t s = 0; s < t_.series.size(); ++s) {
        const int64_t c = t_.counts[i][s];
        if (c == 0) continue;
        const double h = plot.height * static_cast<double>(c) / scale.max;
        canvas.FillRect(x, base - h, bar, h, SeriesColor(t_.series.keys()[s], s));
        base -= h;
      }
      if (slot >= kMinLabelledSlot && totals[i] > 0) {
        canvas.Text(x + bar / 2, base - kLabelGap, ctx_.Count(totals[i]),
                    {.size = kSmallSize, .align = Align::kCenter, .valign = VAlign::kBottom});
      }
    }
    canvas.Line(plot.left, plot.bottom(), plot.right(), plot.bottom(), kAxisColor, kLineWidth);
    return DrawBinLabels(canvas, plot, slot);
  }

  double DrawBinLabels(Canvas& canvas, const Plot& plot, double slot) const {
    const size_t n = t_.starts.size();
    const size_t every = (n + kMaxBinLabels - 1) / kMaxBinLabels;
    double below = 0;
    for (size_t i = 0; i < n; i += every) {
      const double x = plot.left + slot * (static_cast<double>(i) + 0.5);
      canvas.Line(x, plot.bottom(), x, plot.bottom() + kTickLength, kAxisColor, kLineWidth);
      const auto size = canvas.Text(
          x, plot.bottom() + kTickLength + kLabelGap, BinLabel(t_.bin, t_.starts[i], ctx_.language),
          {.size = kSmallSize, .color = kMutedColor, .align = Align::kCenter});
      below = std::max(below, size.height);
    }
    const double y = plot.bottom() + kTickLength + kLabelGap + below + kLabelGap;
    return y +
           canvas
               .Text(plot.left + plot.width / 2, y, ctx_.Tr(AxisOf(t_.bin)),
                     {.size = kLabelSize, .color = kMutedColor, .align = Align::kCenter})
               .height +
           kGap;
  }

  std::vector<LegendItem> Legend() const {
    std::vector<int64_t> per_series(t_.series.size(), 0);
    for (const auto& bin : t_.counts) {
      for (size_t s = 0; s < bin.size(); ++s) per_series[s] += bin[s];
    }
    std::vector<LegendItem> items;
    for (size_t s = 0; s < t_.series.size(); ++s) {
      if (per_series[s] == 0) continue;
      const std::string& key = t_.series.keys()[s];
      items.push_back(
          {ctx_.TypeLabel(key) + " (" + ctx_.Count(per_series[s]) + ")", SeriesColor(key, s)});
    }
    return items;
  }

  Context ctx_;
  Timeline t_;
};

}  // namespace

Drawing PrepareTimeline(const Context& ctx) {
  auto chart = std::make_shared<const TimelineChart>(ctx);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
