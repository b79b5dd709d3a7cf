// The estimate chart: per method, the documented count, the estimated total
// and its interval, on one axis (per stratum too, on the same axis).

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chart/internal/charts.h"

namespace vka::chart::internal {
namespace {

constexpr double kLabelWidth = 230;
constexpr double kLabelGap = 8;
constexpr double kValueRoom = 190;  // right of the axis, for the numbers of a row
constexpr double kRowHeight = 30;
constexpr double kBarHeight = 16;
constexpr double kStratumRow = 22;
constexpr double kWhiskerCap = 7;
constexpr double kWhiskerWidth = 1.6;
constexpr double kArrow = 8;
constexpr double kPlotGap = 8;
constexpr double kHeadroom = 1.05;  // the axis ends a little past the largest figure
constexpr double kPercent = 100;
constexpr Color kEstimateColor = Rgb(0x9ecae1);
constexpr Color kWhiskerColor = Rgb(0x08306b);

// One row of the chart: the documented count alone, or one method's result.
struct Row {
  std::string stratum;   // "" for the totals
  bool heading = false;  // a stratum's heading row
  bool documented = false;
  const stats::MethodResult* result = nullptr;
  int64_t observed = 0;
};

Msg MethodMsg(const std::string& method) {
  return method == "lcmcr" ? Msg::kLcmcr : Msg::kLoglinear;
}

// 95 for 0.95, 99.5 for 0.995.
std::string LevelPercent(double level) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3g", level * kPercent);
  return buf;
}

class EstimateChart {
 public:
  EstimateChart(const EstimateData& data, Language language) : data_(data), language_(language) {
    AddBlock("", data.result.totals);
    for (const auto& m : data.result.strata) {
      if (m.stratum != rows_.back().stratum) {
        rows_.push_back({m.stratum, true, false, nullptr, m.observed});
        rows_.push_back({m.stratum, false, true, nullptr, m.observed});
      }
      rows_.push_back({m.stratum, false, false, &m, m.observed});
    }
    double top = 0;
    for (const auto& r : rows_) {
      top = std::max(top, static_cast<double>(r.observed));
      if (r.result == nullptr || !r.result->estimable) continue;
      for (double v : {r.result->estimate, r.result->upper}) {
        if (std::isfinite(v)) top = std::max(top, v);
      }
    }
    scale_ = NiceScale(top * kHeadroom, 5, 1);
  }

  std::string Title() const { return Tr(Msg::kTitleEstimate, language_); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), data_.context);
    const double height = Height();
    const Plot plot{kMargin + kLabelWidth + kLabelGap, y + kPlotGap,
                    kContentWidth - kLabelWidth - kLabelGap - kValueRoom, height};
    y = DrawCountAxisX(canvas, plot, scale_, language_, Tr(Msg::kAxisPeople, language_)) + kGap;
    double row_top = plot.top;
    for (const auto& r : rows_) row_top = DrawRow(canvas, plot, row_top, r);
    y = DrawLegend(canvas, y, Legend());
    return DrawNotes(canvas, y, Notes()) + kMargin;
  }

 private:
  void AddBlock(const std::string& stratum, const std::vector<stats::MethodResult>& methods) {
    const int64_t observed = methods.empty() ? 0 : methods.front().observed;
    rows_.push_back({stratum, false, true, nullptr, observed});
    for (const auto& m : methods) rows_.push_back({stratum, false, false, &m, m.observed});
  }

  double Height() const {
    double h = 0;
    for (const auto& r : rows_) h += r.heading ? kStratumRow : kRowHeight;
    return h;
  }

  double XOf(const Plot& plot, double v) const { return plot.left + plot.width * v / scale_.max; }

  double DrawRow(Canvas& canvas, const Plot& plot, double top, const Row& r) const {
    if (r.heading) {
      canvas.Text(kMargin, top + kStratumRow / 2,
                  TrFormat(Msg::kStratum, language_, {{"name", r.stratum}}),
                  {.size = kLabelSize, .bold = true, .valign = VAlign::kMiddle});
      return top + kStratumRow;
    }
    const double middle = top + kRowHeight / 2;
    const std::string label =
        r.documented ? Tr(Msg::kDocumented, language_) : Tr(MethodMsg(r.result->method), language_);
    canvas.Text(plot.left - kLabelGap, middle, label,
                {.size = kLabelSize,
                 .align = Align::kRight,
                 .valign = VAlign::kMiddle,
                 .width = kLabelWidth});
    const TextStyle value{.size = kSmallSize, .valign = VAlign::kMiddle, .width = kValueRoom};
    if (r.documented) {
      canvas.FillRect(plot.left, middle - kBarHeight / 2,
                      XOf(plot, static_cast<double>(r.observed)) - plot.left, kBarHeight,
                      kDocumentedColor);
      canvas.Text(plot.right() + kLabelGap, middle, FormatCount(r.observed, language_), value);
      return top + kRowHeight;
    }
    const stats::MethodResult& m = *r.result;
    if (!m.estimable || !std::isfinite(m.estimate)) {
      canvas.Text(plot.left, middle, Tr(Msg::kNoEstimate, language_),
                  {.size = kSmallSize, .color = kMutedColor, .valign = VAlign::kMiddle});
      return top + kRowHeight;
    }
    const double x_est = XOf(plot, m.estimate);
    canvas.FillRect(plot.left, middle - kBarHeight / 2, x_est - plot.left, kBarHeight,
                    kEstimateColor);
    canvas.FillRect(plot.left, middle - kBarHeight / 2,
                    XOf(plot, static_cast<double>(m.observed)) - plot.left, kBarHeight,
                    kDocumentedColor);
    DrawWhisker(canvas, plot, middle, m);
    canvas.Text(plot.right() + kLabelGap, middle, ValueText(m), value);
    return top + kRowHeight;
  }

  void DrawWhisker(Canvas& canvas, const Plot& plot, double middle,
                   const stats::MethodResult& m) const {
    if (!std::isfinite(m.lower)) return;
    const double x0 = XOf(plot, m.lower);
    const bool bounded = std::isfinite(m.upper);
    const double x1 = bounded ? XOf(plot, m.upper) : plot.right();
    canvas.Line(x0, middle, x1, middle, kWhiskerColor, kWhiskerWidth);
    canvas.Line(x0, middle - kWhiskerCap / 2, x0, middle + kWhiskerCap / 2, kWhiskerColor,
                kWhiskerWidth);
    if (bounded) {
      canvas.Line(x1, middle - kWhiskerCap / 2, x1, middle + kWhiskerCap / 2, kWhiskerColor,
                  kWhiskerWidth);
    } else {
      canvas.ArrowHead(x1, middle, kArrow, kWhiskerColor);
    }
  }

  // "3,961 [3,488–4,556]", or "[3,488–unbounded]".
  std::string ValueText(const stats::MethodResult& m) const {
    auto count = [&](double v) {
      return std::isfinite(v) ? FormatCount(std::llround(v), language_)
                              : Tr(Msg::kUnbounded, language_);
    };
    return count(m.estimate) + " [" + count(m.lower) + "\u2013" + count(m.upper) + "]";
  }

  std::vector<LegendItem> Legend() const {
    const double level = data_.result.totals.empty() ? 0.95 : data_.result.totals.front().level;
    return {{Tr(Msg::kDocumented, language_), kDocumentedColor},
            {Tr(Msg::kUndocumented, language_), kEstimateColor},
            {std::string(Tr(Msg::kEstimatedTotal, language_)) + ", " +
                 TrFormat(Msg::kInterval, language_, {{"level", LevelPercent(level)}}),
             kWhiskerColor, LegendItem::Mark::kLine}};
  }

  std::vector<std::string> Notes() const {
    std::string lists;
    for (const auto& name : data_.result.list_names) lists += (lists.empty() ? "" : ", ") + name;
    return {TrFormat(Msg::kLists, language_, {{"lists", lists}}),
            Tr(Msg::kCaveatLowerBounds, language_), Tr(Msg::kCaveatModel, language_)};
  }

  const EstimateData& data_;
  Language language_;
  std::vector<Row> rows_;
  Scale scale_;
};

}  // namespace

Drawing PrepareEstimate(const EstimateData& data, Language language) {
  auto chart = std::make_shared<const EstimateChart>(data, language);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
