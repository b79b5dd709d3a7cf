// Incident points on a plain map: a circle per place with coordinates, its
// area proportional to the acts there, in an equirectangular projection
// scaled at the points' mean latitude. No base map: vka ships none.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "chart/internal/charts.h"
#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr double kAxisRoom = 64;
constexpr double kPlotGap = 10;
constexpr double kMaxPlotHeight = 520;
constexpr double kInnerPad = 36;          // inside the frame, around the points
constexpr double kMinSpanDegrees = 0.01;  // a single place still gets a frame of ~1 km
constexpr double kMaxRadius = 22;
constexpr double kMinRadius = 3;
constexpr double kOpacity = 0.55;
constexpr size_t kMaxLabels = 12;
constexpr double kLabelWidth = 200;
constexpr double kLabelGap = 3;
constexpr double kKmPerDegree = 111.32;  // along a meridian, and along the equator
constexpr double kScaleBarShare = 0.2;   // of the plot's width
constexpr double kScaleTick = 4;
constexpr double kTickGap = 6;
constexpr double kFrameWidth = 1;
constexpr double kGridWidth = 0.6;
constexpr int kGridLines = 5;
constexpr double kDegreesPerRadian = 180 / std::numbers::pi;
constexpr double kMinCosLatitude = 0.05;  // near the poles the projection is not worth more
constexpr Color kPointColor = Rgb(0x0072b2);

// A round step (1, 2 or 5 times a power of ten) near span / count.
double RoundStep(double span, int count) {
  const double raw = span / count;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double f : {1.0, 2.0, 5.0}) {
    if (f * magnitude >= raw) return f * magnitude;
  }
  return 10 * magnitude;
}

// "40.15°" with as many decimals as the step needs.
std::string Degrees(double value, double step) {
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step))));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f\u00b0", decimals, value);
  return buf;
}

std::string Kilometres(double km, Language language) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", km);
  return TrFormat(Msg::kKilometres, language, {{"n", buf}});
}

class MapChart {
 public:
  explicit MapChart(const Context& ctx) : ctx_(ctx), m_(BuildMap(ctx.data->input)) {
    if (m_.points.empty()) return;
    double lat_sum = 0;
    for (const auto& p : m_.points) lat_sum += p.at.lat;
    cos_lat_ = std::max(kMinCosLatitude, std::cos(lat_sum / static_cast<double>(m_.points.size()) /
                                                  kDegreesPerRadian));
    min_x_ = min_y_ = HUGE_VAL;
    double max_x = -HUGE_VAL;
    double max_y = -HUGE_VAL;
    for (const auto& p : m_.points) {
      min_x_ = std::min(min_x_, X(p.at));
      max_x = std::max(max_x, X(p.at));
      min_y_ = std::min(min_y_, p.at.lat);
      max_y = std::max(max_y, p.at.lat);
    }
    // Centre a span of at least kMinSpanDegrees on the points.
    span_x_ = std::max(max_x - min_x_, kMinSpanDegrees);
    span_y_ = std::max(max_y - min_y_, kMinSpanDegrees);
    min_x_ -= (span_x_ - (max_x - min_x_)) / 2;
    min_y_ -= (span_y_ - (max_y - min_y_)) / 2;
    const double inner_w = kContentWidth - kAxisRoom - 2 * kInnerPad;
    const double inner_h = kMaxPlotHeight - 2 * kInnerPad;
    scale_ = std::min(inner_w / span_x_, inner_h / span_y_);
  }

  std::string Title() const { return ctx_.Tr(Msg::kTitleMap); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), SituationSubtitle(ctx_));
    if (ctx_.data->input.acts.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoActs));
    } else if (m_.points.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoCoordinates));
    } else {
      y = DrawPoints(canvas, y + kPlotGap);
    }
    return DrawNotes(canvas, y, Notes()) + kMargin;
  }

 private:
  double X(const stats::Coordinates& c) const { return c.lon * cos_lat_; }

  Plot PlotAt(double top) const {
    return {kMargin + kAxisRoom, top, kContentWidth - kAxisRoom, span_y_ * scale_ + 2 * kInnerPad};
  }
  // Canvas position of coordinates in the plot.
  double Px(const Plot& plot, double x) const {
    const double slack = plot.width - 2 * kInnerPad - span_x_ * scale_;
    return plot.left + kInnerPad + slack / 2 + (x - min_x_) * scale_;
  }
  double Py(const Plot& plot, double lat) const {
    return plot.bottom() - kInnerPad - (lat - min_y_) * scale_;
  }

  double DrawPoints(Canvas& canvas, double top) const {
    const Plot plot = PlotAt(top);
    DrawGraticule(canvas, plot);
    int64_t most = m_.points.front().acts;
    for (const auto& p : m_.points) {  // largest first, so small circles stay visible
      canvas.Circle(Px(plot, X(p.at)), Py(plot, p.at.lat), Radius(p.acts, most), kPointColor,
                    kOpacity, p.own_acts == 0);
    }
    DrawLabels(canvas, plot, most);
    DrawScaleBar(canvas, plot);
    canvas.StrokeRect(plot.left, plot.top, plot.width, plot.height, kAxisColor, kFrameWidth);
    const double y = plot.bottom() + kTickGap + kSmallSize * 2;
    return y +
           canvas
               .Text(plot.left + plot.width / 2, y, ctx_.Tr(Msg::kAxisLongitude),
                     {.size = kLabelSize, .color = kMutedColor, .align = Align::kCenter})
               .height +
           kGap;
  }

  // Labels the places with most acts, skipping a label that would overlap
  // one already drawn.
  void DrawLabels(Canvas& canvas, const Plot& plot, int64_t most) const {
    const TextStyle style{.size = kSmallSize, .valign = VAlign::kMiddle, .width = kLabelWidth};
    struct Box {
      double x0, y0, x1, y1;
    };
    std::vector<Box> drawn;
    for (size_t i = 0; i < m_.points.size() && drawn.size() < kMaxLabels; ++i) {
      const MapPoint& p = m_.points[i];
      const std::string label =
          PlaceLabel(*ctx_.data, p.place, ctx_.language) + " (" + ctx_.Count(p.acts) + ")";
      const double x = Px(plot, X(p.at)) + Radius(p.acts, most) + kLabelGap;
      const double y = Py(plot, p.at.lat);
      const TextSize size = canvas.Measure(label, style);
      const Box box{x, y - size.height / 2, x + size.width, y + size.height / 2};
      const bool overlaps = std::any_of(drawn.begin(), drawn.end(), [&](const Box& b) {
        return box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1;
      });
      if (overlaps || box.x1 > plot.right()) continue;
      canvas.Text(x, y, label, style);
      drawn.push_back(box);
    }
  }

  static double Radius(int64_t acts, int64_t most) {
    return std::max(kMinRadius,
                    kMaxRadius * std::sqrt(static_cast<double>(acts) / static_cast<double>(most)));
  }

  // Parallels and meridians at round degrees, labelled outside the frame.
  void DrawGraticule(Canvas& canvas, const Plot& plot) const {
    const double top_lat = min_y_ + (plot.height - kInnerPad) / scale_;
    const double bottom_lat = min_y_ - kInnerPad / scale_;
    const double lat_step = RoundStep(top_lat - bottom_lat, kGridLines);
    const TextStyle left_label{.size = kSmallSize,
                               .color = kMutedColor,
                               .align = Align::kRight,
                               .valign = VAlign::kMiddle};
    for (double lat = std::ceil(bottom_lat / lat_step) * lat_step; lat <= top_lat;
         lat += lat_step) {
      const double y = Py(plot, lat);
      canvas.Line(plot.left, y, plot.right(), y, kGridColor, kGridWidth);
      canvas.Text(plot.left - kTickGap, y, Degrees(lat, lat_step), left_label);
    }
    canvas.Text(kMargin, plot.top + plot.height / 2, ctx_.Tr(Msg::kAxisLatitude),
                {.size = kLabelSize,
                 .color = kMutedColor,
                 .align = Align::kCenter,
                 .valign = VAlign::kTop,
                 .vertical = true});
    const double left_lon = (min_x_ - (Px(plot, min_x_) - plot.left) / scale_) / cos_lat_;
    const double right_lon = left_lon + plot.width / scale_ / cos_lat_;
    const double lon_step = RoundStep(right_lon - left_lon, kGridLines);
    for (double lon = std::ceil(left_lon / lon_step) * lon_step; lon <= right_lon;
         lon += lon_step) {
      const double x = Px(plot, lon * cos_lat_);
      canvas.Line(x, plot.top, x, plot.bottom(), kGridColor, kGridWidth);
      canvas.Text(x, plot.bottom() + kTickGap, Degrees(lon, lon_step),
                  {.size = kSmallSize, .color = kMutedColor, .align = Align::kCenter});
    }
  }

  void DrawScaleBar(Canvas& canvas, const Plot& plot) const {
    const double px_per_km = scale_ / kKmPerDegree;
    const double km = RoundStep(plot.width * kScaleBarShare / px_per_km, 1);
    const double length = km * px_per_km;
    const double x = plot.left + kInnerPad / 2;
    const double y = plot.bottom() - kInnerPad / 2;
    canvas.Line(x, y, x + length, y, kAxisColor, kFrameWidth * 2);
    canvas.Line(x, y - kScaleTick, x, y, kAxisColor, kFrameWidth);
    canvas.Line(x + length, y - kScaleTick, x + length, y, kAxisColor, kFrameWidth);
    canvas.Text(x + length / 2, y - kScaleTick, Kilometres(km, ctx_.language),
                {.size = kSmallSize, .align = Align::kCenter, .valign = VAlign::kBottom});
  }

  std::vector<std::string> Notes() const {
    std::vector<std::string> notes;
    if (m_.acts > 0) {
      notes.push_back(
          TrFormat(Msg::kMapCoverage, ctx_.language,
                   {{"mapped", ctx_.Count(m_.mapped_acts)}, {"acts", ctx_.Count(m_.acts)}}));
    }
    if (!m_.points.empty()) {
      const bool hollow = std::any_of(m_.points.begin(), m_.points.end(),
                                      [](const MapPoint& p) { return p.own_acts == 0; });
      if (hollow) notes.push_back(ctx_.Tr(Msg::kMapHollow));
      notes.push_back(ctx_.Tr(Msg::kMapArea));
      notes.push_back(ctx_.Tr(Msg::kMapProjection));
    }
    for (auto& c : DocumentedCaveats(ctx_)) notes.push_back(std::move(c));
    return notes;
  }

  Context ctx_;
  MapData m_;
  double cos_lat_ = 1;
  double min_x_ = 0;  // projected: longitude times cos_lat_
  double min_y_ = 0;  // latitude
  double span_x_ = 1;
  double span_y_ = 1;
  double scale_ = 1;  // canvas units per degree of latitude
};

}  // namespace

Drawing PrepareMap(const Context& ctx) {
  auto chart = std::make_shared<const MapChart>(ctx);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
