#pragma once

// Charts of a situation's documented acts and of a multiple systems
// estimate (issue 6, part 3), drawn with cairo and Pango as SVG (for the
// web), PDF (for reports) or PNG (for quick looks), labelled in English,
// Armenian or Russian. Pure: the caller reads the records, passes plain
// data in and writes the returned bytes where it likes. docs/charts.md says
// what each chart shows and how to read it.
//
// Every chart of documented acts carries the caveat that documented counts
// are lower bounds, not totals; the estimate chart carries its model caveat.

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/vocabulary.h"
#include "stats/mse.h"
#include "stats/patterns.h"

namespace vka::chart {

enum class Kind { kTimeline, kPlaces, kCalendar, kVictims, kMap, kEstimate };
inline constexpr Kind kAllKinds[] = {Kind::kTimeline, Kind::kPlaces, Kind::kCalendar,
                                     Kind::kVictims,  Kind::kMap,    Kind::kEstimate};

// "timeline", "places", "calendar", "victims", "map", "estimate".
const char* KindName(Kind kind);
// The inverse of KindName; kInvalidArgument listing the kinds otherwise.
base::Result<Kind> ParseKind(std::string_view name);

enum class Format { kSvg, kPdf, kPng };

// "svg", "pdf", "png".
const char* FormatName(Format format);
// The format named by a file's extension (.svg, .pdf, .png, any case);
// kInvalidArgument naming the path otherwise.
base::Result<Format> FormatForPath(std::string_view path);

enum class Language { kEn, kHy, kRu };

// "en", "hy", "ru".
const char* LanguageCode(Language language);
// The inverse of LanguageCode; kInvalidArgument otherwise.
base::Result<Language> ParseLanguage(std::string_view code);

// A place's display name in each language; empty strings fall back to the
// English name, then to the place id.
struct PlaceNames {
  std::string en;
  std::string hy;
  std::string ru;
};

// What the charts of a situation are drawn from.
struct SituationData {
  std::string name;           // the situation's name, shown under the title
  stats::PatternInput input;  // acts, their person victims, places; population unused
  std::map<std::string, PlaceNames> place_names;  // by place id; may miss ids
};

// What the estimate chart is drawn from.
struct EstimateData {
  std::string context;  // shown under the title (situation or table name); may be empty
  stats::MseResult result;
};

struct RenderOptions {
  Format format = Format::kSvg;
  Language language = Language::kEn;
  // Labels of act types and sexes; nullptr or a missing term: the code is shown.
  const model::VocabularySet* vocab = nullptr;
};

// Width of every chart in CSS pixels (SVG), points (PDF) or, times
// kPngScale, pixels (PNG). Heights depend on the chart and its data.
inline constexpr double kChartWidth = 960;
inline constexpr int kPngScale = 2;

// Draws a chart of the situation's acts and returns the file's bytes.
// Charts with nothing to show (no dated acts, no identified victims, no
// coordinates) still render, with a message that says why they are empty.
// Returns kInvalidArgument for kind kEstimate (use RenderEstimateChart) and
// kInternal if cairo fails (out of memory). Thread-compatible; the vocab
// must outlive the call.
base::Result<std::string> RenderSituationChart(Kind kind, const SituationData& data,
                                               const RenderOptions& options);

// Draws documented vs estimated totals with their intervals, per method (and
// per stratum when the result has strata), and returns the file's bytes.
// kInternal if cairo fails.
base::Result<std::string> RenderEstimateChart(const EstimateData& data,
                                              const RenderOptions& options);

}  // namespace vka::chart
