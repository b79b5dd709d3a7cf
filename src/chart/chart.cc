#include "chart/chart.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "chart/internal/canvas.h"
#include "chart/internal/charts.h"

namespace vka::chart {
namespace {

struct KindEntry {
  Kind kind;
  const char* name;
};
constexpr KindEntry kKinds[] = {{Kind::kTimeline, "timeline"}, {Kind::kPlaces, "places"},
                                {Kind::kCalendar, "calendar"}, {Kind::kVictims, "victims"},
                                {Kind::kMap, "map"},           {Kind::kEstimate, "estimate"}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Measures the drawing, then draws it on a canvas of its height.
base::Result<std::string> Render(const internal::Drawing& drawing, const RenderOptions& options) {
  VKA_ASSIGN_OR_RETURN(auto measuring, internal::Canvas::Measuring(options.language));
  const double height = std::ceil(drawing.draw(*measuring));
  VKA_RETURN_IF_ERROR(measuring->Finish().status());
  VKA_ASSIGN_OR_RETURN(auto canvas, internal::Canvas::Create(options.format, kChartWidth, height,
                                                             options.language, drawing.title));
  drawing.draw(*canvas);
  return canvas->Finish();
}

}  // namespace

const char* KindName(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

base::Result<Kind> ParseKind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  return base::InvalidArgumentError("unknown chart \"" + std::string(name) +
                                    "\"; use timeline, places, calendar, victims, map or estimate");
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kPdf:
      return "pdf";
    case Format::kPng:
      return "png";
    case Format::kSvg:
      break;
  }
  return "svg";
}

base::Result<Format> FormatForPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  const std::string ext =
      dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)
          ? std::string()
          : Lower(path.substr(dot + 1));
  if (ext == "svg") return Format::kSvg;
  if (ext == "pdf") return Format::kPdf;
  if (ext == "png") return Format::kPng;
  return base::InvalidArgumentError(std::string(path) +
                                    ": the file name must end in .svg, .pdf or .png");
}

const char* LanguageCode(Language language) {
  switch (language) {
    case Language::kHy:
      return "hy";
    case Language::kRu:
      return "ru";
    case Language::kEn:
      break;
  }
  return "en";
}

base::Result<Language> ParseLanguage(std::string_view code) {
  if (code == "en") return Language::kEn;
  if (code == "hy") return Language::kHy;
  if (code == "ru") return Language::kRu;
  return base::InvalidArgumentError("unknown language \"" + std::string(code) +
                                    "\"; use en, hy or ru");
}

base::Result<std::string> RenderSituationChart(Kind kind, const SituationData& data,
                                               const RenderOptions& options) {
  const internal::Context ctx{&data, options.language, options.vocab};
  switch (kind) {
    case Kind::kTimeline:
      return Render(internal::PrepareTimeline(ctx), options);
    case Kind::kPlaces:
      return Render(internal::PreparePlaces(ctx), options);
    case Kind::kCalendar:
      return Render(internal::PrepareCalendar(ctx), options);
    case Kind::kVictims:
      return Render(internal::PrepareVictims(ctx), options);
    case Kind::kMap:
      return Render(internal::PrepareMap(ctx), options);
    case Kind::kEstimate:
      break;
  }
  return base::InvalidArgumentError(
      "the estimate chart is drawn from an overlap table, not a situation");
}

base::Result<std::string> RenderEstimateChart(const EstimateData& data,
                                              const RenderOptions& options) {
  return Render(internal::PrepareEstimate(data, options.language), options);
}

}  // namespace vka::chart
