#include "chart/internal/layout.h"

#include <algorithm>
#include <cmath>

#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr Color kPalette[] = {Rgb(0x0072b2), Rgb(0xe69f00), Rgb(0x009e73), Rgb(0xd55e00),
                              Rgb(0x56b4e9), Rgb(0xcc79a7), Rgb(0xf0e442), Rgb(0x7a5195)};
static_assert(std::size(kPalette) >= kMaxTypeSeries);

constexpr double kTitleGap = 4;
constexpr double kSwatch = 11;
constexpr double kSwatchGap = 5;
constexpr double kLegendItemGap = 18;
constexpr double kLegendRow = 18;
constexpr double kNoteGap = 3;
constexpr double kMessagePadding = 24;
constexpr double kMessageBorder = 1;
constexpr Color kMessageFill = Rgb(0xf6f6f6);
constexpr double kLegendLineWidth = 2;
constexpr double kStepFactors[] = {1, 2, 5, 10};
constexpr double kTickGap = 6;
constexpr double kAxisTitleGap = 8;
constexpr double kAxisLineWidth = 1;
constexpr double kGridLineWidth = 0.6;
constexpr double kHalf = 0.5;

}  // namespace

Color SeriesColor(const std::string& key, size_t index) {
  if (key == kOtherKey) return kOtherColor;
  return kPalette[index % std::size(kPalette)];
}

std::string Context::TypeLabel(const std::string& key) const {
  if (key == kOtherKey) return Tr(Msg::kOtherTypes);
  if (key == stats::kUnknownKey) return Tr(Msg::kTypeNotRecorded);
  return TermLabel(vocab, "act_type", key, language);
}

double DrawHeader(Canvas& canvas, const std::string& title, const std::string& subtitle) {
  double y = kMargin;
  y += canvas
           .Text(kMargin, y, title,
                 {.size = kTitleSize, .bold = true, .width = kContentWidth, .wrap = true})
           .height;
  if (!subtitle.empty()) {
    y += kTitleGap;
    y +=
        canvas
            .Text(
                kMargin, y, subtitle,
                {.size = kSubtitleSize, .color = kMutedColor, .width = kContentWidth, .wrap = true})
            .height;
  }
  return y + kGap;
}

std::string SituationSubtitle(const Context& ctx) {
  const std::string acts =
      TrFormat(Msg::kActsCount, ctx.language,
               {{"n", ctx.Count(static_cast<int64_t>(ctx.data->input.acts.size()))}});
  return ctx.data->name.empty() ? acts : ctx.data->name + " \u00b7 " + acts;
}

double DrawLegend(Canvas& canvas, double y, const std::vector<LegendItem>& items) {
  const TextStyle style{.size = kLabelSize, .valign = VAlign::kMiddle};
  double x = kMargin;
  double row = y + kLegendRow / 2;
  for (const auto& item : items) {
    const bool marked = item.mark != LegendItem::Mark::kNone;
    const double mark_width = marked ? kSwatch + kSwatchGap : 0;
    const double width = mark_width + canvas.Measure(item.label, style).width;
    if (x > kMargin && x + width > kMargin + kContentWidth) {
      x = kMargin;
      row += kLegendRow;
    }
    if (item.mark == LegendItem::Mark::kLine) {
      canvas.Line(x, row, x + kSwatch, row, item.color, kLegendLineWidth);
    } else if (item.mark == LegendItem::Mark::kSwatch) {
      canvas.FillRect(x, row - kSwatch / 2, kSwatch, kSwatch, item.color);
    }
    canvas.Text(x + mark_width, row, item.label, style);
    x += width + kLegendItemGap;
  }
  return items.empty() ? y : row + kLegendRow / 2 + kGap / 2;
}

double DrawNotes(Canvas& canvas, double y, const std::vector<std::string>& notes) {
  const TextStyle style{
      .size = kSmallSize, .color = kMutedColor, .width = kContentWidth, .wrap = true};
  for (const auto& note : notes) y += canvas.Text(kMargin, y, note, style).height + kNoteGap;
  return y;
}

double DrawMessage(Canvas& canvas, double y, const std::string& message) {
  const TextStyle style{.size = kSubtitleSize,
                        .align = Align::kCenter,
                        .width = kContentWidth - 2 * kMessagePadding,
                        .wrap = true};
  const double height = canvas.Measure(message, style).height + 2 * kMessagePadding;
  canvas.FillRect(kMargin, y, kContentWidth, height, kMessageFill);
  canvas.StrokeRect(kMargin, y, kContentWidth, height, kGridColor, kMessageBorder);
  canvas.Text(kMargin + kContentWidth / 2, y + kMessagePadding, message, style);
  return y + height + kGap;
}

std::vector<std::string> DocumentedCaveats(const Context& ctx) {
  return {ctx.Tr(Msg::kCaveatLowerBounds), ctx.Tr(Msg::kCaveatPatterns)};
}

std::vector<std::string> DatedCaveats(const Context& ctx, const stats::DateCoverage& dates) {
  std::vector<std::string> notes;
  if (dates.ranged_or_approximate + dates.undated > 0) {
    notes.push_back(TrFormat(Msg::kNotShownDates, ctx.language,
                             {{"ranged", ctx.Count(dates.ranged_or_approximate)},
                              {"undated", ctx.Count(dates.undated)}}));
  }
  for (auto& c : DocumentedCaveats(ctx)) notes.push_back(std::move(c));
  return notes;
}

Scale NiceScale(double value, int ticks, double min_step) {
  if (!(value > 0)) return {std::max(min_step, 1.0), std::max(min_step, 1.0)};
  const double raw = value / ticks;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double f : kStepFactors) {
    step = f * magnitude;
    if (step >= raw) break;
  }
  step = std::max(step, min_step);
  return {std::ceil(value / step) * step, step};
}

void DrawCountAxisY(Canvas& canvas, const Plot& plot, Scale scale, Language language,
                    const std::string& title) {
  const TextStyle tick{
      .size = kSmallSize, .color = kMutedColor, .align = Align::kRight, .valign = VAlign::kMiddle};
  double widest = 0;
  for (double v = 0; v <= scale.max + scale.step * kHalf; v += scale.step) {
    const double y = plot.bottom() - plot.height * v / scale.max;
    if (v > 0) canvas.Line(plot.left, y, plot.right(), y, kGridColor, kGridLineWidth);
    const std::string label = FormatCount(static_cast<int64_t>(std::llround(v)), language);
    widest = std::max(widest, canvas.Text(plot.left - kTickGap, y, label, tick).width);
  }
  canvas.Line(plot.left, plot.top, plot.left, plot.bottom(), kAxisColor, kAxisLineWidth);
  canvas.Text(plot.left - kTickGap - widest - kAxisTitleGap, plot.top + plot.height / 2, title,
              {.size = kLabelSize,
               .color = kMutedColor,
               .align = Align::kCenter,
               .valign = VAlign::kBottom,
               .vertical = true});
}

double DrawCountAxisX(Canvas& canvas, const Plot& plot, Scale scale, Language language,
                      const std::string& title) {
  const TextStyle tick{.size = kSmallSize, .color = kMutedColor, .align = Align::kCenter};
  double below = 0;
  for (double v = 0; v <= scale.max + scale.step * kHalf; v += scale.step) {
    const double x = plot.left + plot.width * v / scale.max;
    if (v > 0) canvas.Line(x, plot.top, x, plot.bottom(), kGridColor, kGridLineWidth);
    const std::string label = FormatCount(static_cast<int64_t>(std::llround(v)), language);
    below = std::max(below, canvas.Text(x, plot.bottom() + kTickGap, label, tick).height);
  }
  canvas.Line(plot.left, plot.bottom(), plot.right(), plot.bottom(), kAxisColor, kAxisLineWidth);
  const double y = plot.bottom() + kTickGap + below + kAxisTitleGap / 2;
  return y + canvas
                 .Text(plot.left + plot.width / 2, y, title,
                       {.size = kLabelSize, .color = kMutedColor, .align = Align::kCenter})
                 .height;
}

}  // namespace vka::chart::internal
