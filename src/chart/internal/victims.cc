// Victims by age and sex: a group of bars per age band, a bar per sex.

#include <algorithm>

#include "chart/internal/charts.h"
#include "chart/internal/series.h"

namespace vka::chart::internal {
namespace {

constexpr double kPlotHeight = 280;
constexpr double kAxisRoom = 64;
constexpr double kPlotGap = 10;
constexpr double kGroupFill = 0.8;      // share of a band's slot its bars fill
constexpr double kMinLabelledBar = 14;  // bars this wide show their count
constexpr double kLabelGap = 3;
constexpr double kTickGap = 6;
constexpr double kLineWidth = 1;

Color SexColor(const std::string& sex) {
  if (sex == "female") return Rgb(0xd55e00);
  if (sex == "male") return Rgb(0x0072b2);
  if (sex == "other") return Rgb(0x009e73);
  if (sex == stats::kUnknownKey) return Rgb(0x999999);
  return Rgb(0xe69f00);
}

class VictimsChart {
 public:
  explicit VictimsChart(const Context& ctx) : ctx_(ctx), t_(BuildAgeSex(ctx.data->input)) {}

  std::string Title() const { return ctx_.Tr(Msg::kTitleVictims); }

  double Draw(Canvas& canvas) const {
    double y = DrawHeader(canvas, Title(), SituationSubtitle(ctx_));
    if (ctx_.data->input.acts.empty()) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoActs));
    } else if (t_.identified_acts == 0) {
      y = DrawMessage(canvas, y, ctx_.Tr(Msg::kNoVictims));
    } else {
      y = DrawBars(canvas, y + kPlotGap);
      y = DrawLegend(canvas, y, Legend());
    }
    return DrawNotes(canvas, y, Notes()) + kMargin;
  }

 private:
  std::string BandLabel(const std::string& band) const {
    if (band == stats::kUnknownKey) return ctx_.Tr(Msg::kAgeUnknown);
    std::string label = band;
    if (auto dash = label.find('-'); dash != std::string::npos) label.replace(dash, 1, "\u2013");
    return label;
  }

  std::string SexLabel(const std::string& sex) const {
    if (sex == stats::kUnknownKey) return ctx_.Tr(Msg::kSexUnknown);
    return TermLabel(ctx_.vocab, "sex", sex, ctx_.language);
  }

  double DrawBars(Canvas& canvas, double top) const {
    int64_t most = 0;
    for (const auto& band : t_.victims)
      most = std::max(most, *std::max_element(band.begin(), band.end()));
    const Scale scale = NiceScale(static_cast<double>(most), 5, 1);
    const Plot plot{kMargin + kAxisRoom, top, kContentWidth - kAxisRoom, kPlotHeight};
    DrawCountAxisY(canvas, plot, scale, ctx_.language, ctx_.Tr(Msg::kAxisVictims));
    const double slot = plot.width / static_cast<double>(t_.bands.size());
    const double bar = slot * kGroupFill / static_cast<double>(t_.sexes.size());
    double below = 0;
    for (size_t b = 0; b < t_.bands.size(); ++b) {
      const double group = plot.left + slot * static_cast<double>(b) + slot * (1 - kGroupFill) / 2;
      for (size_t s = 0; s < t_.sexes.size(); ++s) {
        const int64_t v = t_.victims[b][s];
        const double x = group + bar * static_cast<double>(s);
        const double h = plot.height * static_cast<double>(v) / scale.max;
        if (v > 0) canvas.FillRect(x, plot.bottom() - h, bar, h, SexColor(t_.sexes[s]));
        if (bar >= kMinLabelledBar) {
          canvas.Text(x + bar / 2, plot.bottom() - h - kLabelGap, ctx_.Count(v),
                      {.size = kSmallSize, .align = Align::kCenter, .valign = VAlign::kBottom});
        }
      }
      below = std::max(below, canvas
                                  .Text(plot.left + slot * (static_cast<double>(b) + 0.5),
                                        plot.bottom() + kTickGap, BandLabel(t_.bands[b]),
                                        {.size = kLabelSize, .align = Align::kCenter})
                                  .height);
    }
    canvas.Line(plot.left, plot.bottom(), plot.right(), plot.bottom(), kAxisColor, kLineWidth);
    const double y = plot.bottom() + kTickGap + below + kLabelGap;
    return y +
           canvas
               .Text(plot.left + plot.width / 2, y, ctx_.Tr(Msg::kAxisAge),
                     {.size = kLabelSize, .color = kMutedColor, .align = Align::kCenter})
               .height +
           kGap;
  }

  std::vector<LegendItem> Legend() const {
    std::vector<LegendItem> items;
    for (size_t s = 0; s < t_.sexes.size(); ++s) {
      items.push_back({SexLabel(t_.sexes[s]) + " (" + ctx_.Count(t_.sex_totals[s]) + ")",
                       SexColor(t_.sexes[s])});
    }
    return items;
  }

  std::vector<std::string> Notes() const {
    std::vector<std::string> notes;
    if (t_.acts_without_person > 0) {
      notes.push_back(TrFormat(Msg::kNotShownNoPerson, ctx_.language,
                               {{"acts", ctx_.Count(t_.acts_without_person)},
                                {"victims", ctx_.Count(t_.unidentified_victims)}}));
    }
    for (auto& c : DocumentedCaveats(ctx_)) notes.push_back(std::move(c));
    return notes;
  }

  Context ctx_;
  AgeSexTable t_;
};

}  // namespace

Drawing PrepareVictims(const Context& ctx) {
  auto chart = std::make_shared<const VictimsChart>(ctx);
  return {chart->Title(), [chart](Canvas& canvas) { return chart->Draw(canvas); }};
}

}  // namespace vka::chart::internal
