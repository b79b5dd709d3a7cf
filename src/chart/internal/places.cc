// Bars by place and type: one horizontal stacked bar per place.

#include <algorithm>
#include <map>
#include <unordered_map>

#include "chart/internal/charts.h"
#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr size_t kMaxPlaces = 40;
constexpr double kLabelWidth = 260;
constexpr double kLabelGap = 8;
constexpr double kTotalRoom = 56;  // right of the longest bar, for its total
constexpr double kRowHeight = 20;
constexpr double kBarHeight = 14;
constexpr double kPlotGap = 6;
constexpr size_t kIdSuffix = 6;    // characters of an id that tell same-named places apart
constexpr double kBreakWidth = 3;  // the white gap that marks a cut bar

class PlacesChart {
 public:
  explicit PlacesChart(const Context& ctx)
      : ctx_(ctx), bars_(BuildPlaceBars(ctx.data->input.acts, kMaxPlaces)), labels_(Labels()) {}

  std::string Title() const { return ctx_.Tr(Msg::kTitlePlaces); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), SituationSubtitle(ctx_));
    if (bars_.rows.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoActs));
    } else {
      y = DrawBars(canvas, y + kPlotGap);
      y = DrawLegend(canvas, y, Legend());
    }
    return DrawNotes(canvas, y, DocumentedCaveats(ctx_)) + kMargin;
  }

 private:
  // Row labels: the place's name; a name shared by two rows gets its parent's
  // name, and if that is not enough the end of its id.
  std::vector<std::string> Labels() const {
    std::unordered_map<std::string, std::string> parents;
    for (const auto& p : ctx_.data->input.places) parents[p.id] = p.parent;
    std::vector<std::string> labels;
    for (const auto& row : bars_.rows) labels.push_back(BaseLabel(row));
    Disambiguate(labels, [&](size_t i) {
      const std::string& parent = parents[bars_.rows[i].place];
      return parent.empty() ? std::string()
                            : " (" + PlaceLabel(*ctx_.data, parent, ctx_.language) + ")";
    });
    Disambiguate(labels, [&](size_t i) {
      const std::string& id = bars_.rows[i].place;
      return " \u00b7 " + id.substr(id.size() > kIdSuffix ? id.size() - kIdSuffix : 0);
    });
    return labels;
  }

  std::string BaseLabel(const PlaceRow& row) const {
    if (row.place.empty()) return ctx_.Tr(Msg::kPlaceNotRecorded);
    if (row.place == kOtherKey) {
      return TrFormat(Msg::kOtherPlaces, ctx_.language, {{"n", ctx_.Count(row.places)}});
    }
    return PlaceLabel(*ctx_.data, row.place, ctx_.language);
  }

  // Appends suffix(i) to every label of a real place that another row shares.
  template <typename Suffix>
  void Disambiguate(std::vector<std::string>& labels, Suffix suffix) const {
    std::map<std::string, int> uses;
    for (const auto& l : labels) ++uses[l];
    for (size_t i = 0; i < labels.size(); ++i) {
      const std::string& place = bars_.rows[i].place;
      if (uses[labels[i]] > 1 && !place.empty() && place != kOtherKey) labels[i] += suffix(i);
    }
  }

  double DrawBars(Canvas& canvas, double top) const {
    // The scale fits the places; the row of all other places, often longer,
    // is cut at the plot's edge (its total is written beside it).
    int64_t most = 0;
    for (const auto& row : bars_.rows) {
      if (row.place != kOtherKey) most = std::max(most, row.acts);
    }
    const Scale scale = NiceScale(static_cast<double>(most), 5, 1);
    const double left = kMargin + kLabelWidth + kLabelGap;
    const Plot plot{left, top, kContentWidth - kLabelWidth - kLabelGap - kTotalRoom,
                    kRowHeight * static_cast<double>(bars_.rows.size())};
    const double bottom =
        DrawCountAxisX(canvas, plot, scale, ctx_.language, ctx_.Tr(Msg::kAxisActs));
    for (size_t r = 0; r < bars_.rows.size(); ++r) DrawRow(canvas, plot, scale, r);
    return bottom + kGap;
  }

  void DrawRow(Canvas& canvas, const Plot& plot, Scale scale, size_t r) const {
    const PlaceRow& row = bars_.rows[r];
    const double middle = plot.top + kRowHeight * (static_cast<double>(r) + 0.5);
    const bool special = row.place.empty() || row.place == kOtherKey;
    canvas.Text(plot.left - kLabelGap, middle, labels_[r],
                {.size = kLabelSize,
                 .color = special ? kMutedColor : kTextColor,
                 .align = Align::kRight,
                 .valign = VAlign::kMiddle,
                 .width = kLabelWidth});
    double x = plot.left;
    for (size_t s = 0; s < row.by_series.size() && x < plot.right(); ++s) {
      if (row.by_series[s] == 0) continue;
      const double w = std::min(plot.width * static_cast<double>(row.by_series[s]) / scale.max,
                                plot.right() - x);
      canvas.FillRect(x, middle - kBarHeight / 2, w, kBarHeight,
                      SeriesColor(bars_.series.keys()[s], s));
      x += w;
    }
    if (static_cast<double>(row.acts) > scale.max) {
      canvas.FillRect(x - 4 * kBreakWidth, middle - kBarHeight / 2, kBreakWidth, kBarHeight,
                      kWhite);
    }
    canvas.Text(x + kLabelGap / 2, middle, ctx_.Count(row.acts),
                {.size = kSmallSize, .valign = VAlign::kMiddle});
  }

  std::vector<LegendItem> Legend() const {
    std::vector<LegendItem> items;
    for (size_t s = 0; s < bars_.series.size(); ++s) {
      const std::string& key = bars_.series.keys()[s];
      items.push_back({ctx_.TypeLabel(key), SeriesColor(key, s)});
    }
    return items;
  }

  Context ctx_;
  PlaceBars bars_;
  std::vector<std::string> labels_;
};

}  // namespace

Drawing PreparePlaces(const Context& ctx) {
  auto chart = std::make_shared<const PlacesChart>(ctx);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
