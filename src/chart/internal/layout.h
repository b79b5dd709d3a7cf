#pragma once

// What every chart shares: the page's margins and type sizes, the palette,
// the title block, legends, notes, "nothing to draw" messages and axis
// scales. Each Draw* returns the y just below what it drew, so a chart is
// drawn top to bottom and its height is the last y plus the margin.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "chart/chart.h"
#include "chart/internal/canvas.h"
#include "chart/internal/text.h"

namespace vka::chart::internal {

inline constexpr double kMargin = 36;
inline constexpr double kTitleSize = 18;
inline constexpr double kSubtitleSize = 12;
inline constexpr double kLabelSize = 11;
inline constexpr double kSmallSize = 9.5;
inline constexpr double kGap = 12;  // between blocks
inline constexpr double kContentWidth = kChartWidth - 2 * kMargin;

inline constexpr Color kTextColor = Rgb(0x222222);
inline constexpr Color kMutedColor = Rgb(0x5f5f5f);
inline constexpr Color kAxisColor = Rgb(0x444444);
inline constexpr Color kGridColor = Rgb(0xdddddd);
inline constexpr Color kDocumentedColor = Rgb(0x4d4d4d);
inline constexpr Color kOtherColor = Rgb(0xbbbbbb);
inline constexpr Color kWhite = Rgb(0xffffff);

// The colour of type series i of n; the kOtherKey series is kOtherColor.
// Okabe and Ito's palette, distinguishable with the common colour-vision
// deficiencies.
Color SeriesColor(const std::string& key, size_t index);

// Everything a chart of a situation needs besides its own numbers.
struct Context {
  const SituationData* data = nullptr;
  Language language = Language::kEn;
  const model::VocabularySet* vocab = nullptr;

  const char* Tr(Msg msg) const { return internal::Tr(msg, language); }
  std::string Count(int64_t n) const { return FormatCount(n, language); }
  // The label of an act-type series key (a code, kOtherKey or kUnknownKey).
  std::string TypeLabel(const std::string& key) const;
};

// Title and subtitle from the top margin; returns the y below them.
double DrawHeader(Canvas& canvas, const std::string& title, const std::string& subtitle);

// "situation name · N documented acts" (the name left out when empty).
std::string SituationSubtitle(const Context& ctx);

struct LegendItem {
  enum class Mark { kSwatch, kLine, kNone };  // kLine: a short line (an interval)
  std::string label;
  Color color;
  Mark mark = Mark::kSwatch;
};
// Items flowed left to right in rows across the content width from y;
// returns the y below.
double DrawLegend(Canvas& canvas, double y, const std::vector<LegendItem>& items);

// Notes in small muted type, one paragraph each, wrapped to the content
// width from y; returns the y below.
double DrawNotes(Canvas& canvas, double y, const std::vector<std::string>& notes);

// A framed message where a chart would be (the chart has nothing to draw);
// returns the y below.
double DrawMessage(Canvas& canvas, double y, const std::string& message);

// The notes every chart of documented acts ends with.
std::vector<std::string> DocumentedCaveats(const Context& ctx);
// For charts of days: the note on acts left out (if any were), then the
// DocumentedCaveats.
std::vector<std::string> DatedCaveats(const Context& ctx, const stats::DateCoverage& dates);

// A linear axis from 0: ticks every `step` up to `max` (both > 0).
struct Scale {
  double max = 1;
  double step = 1;
};
// A scale over [0, value] with about `ticks` round steps (1, 2 or 5 times a
// power of ten); steps are at least min_step.
Scale NiceScale(double value, int ticks, double min_step);

// The plotting area of a chart with axes.
struct Plot {
  double left = 0;
  double top = 0;
  double width = 0;
  double height = 0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// A vertical count axis at plot.left: gridlines across the plot at each
// tick, tick labels left of it, and `title` written upwards beside them.
void DrawCountAxisY(Canvas& canvas, const Plot& plot, Scale scale, Language language,
                    const std::string& title);
// A horizontal count axis along plot.bottom: gridlines up the plot, tick
// labels below it, `title` centred below them. Returns the y below.
double DrawCountAxisX(Canvas& canvas, const Plot& plot, Scale scale, Language language,
                      const std::string& title);

// What a chart needs drawn, prepared once: its title (for the PDF's
// metadata) and a function that draws it top to bottom on a canvas and
// returns its height. It is called twice (to measure, then to draw).
struct Drawing {
  std::string title;
  std::function<double(Canvas&)> draw;
};

}  // namespace vka::chart::internal
