// A situation chart as SVG bytes (app/chart_svg.h).

#include "app/chart_svg.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/charts.h"

namespace vka::app {
namespace {

// A new private folder under the system's temporary folder.
base::Result<std::filesystem::path> MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "vka-chart-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return base::IOError("cannot create a temporary folder for the chart");
  }
  return std::filesystem::path(pattern);
}

}  // namespace

base::Result<std::string> SituationChartSvg(Workspace& ws, const std::string& kind,
                                            const std::string& situation_id,
                                            const std::string& language) {
  ChartRequest request;
  VKA_ASSIGN_OR_RETURN(request.kind, chart::ParseKind(kind));
  if (request.kind == chart::Kind::kEstimate) {
    return base::InvalidArgumentError("the estimate chart is drawn from a table, not a situation");
  }
  VKA_ASSIGN_OR_RETURN(request.language, chart::ParseLanguage(language));
  request.situation_id = situation_id;
  VKA_ASSIGN_OR_RETURN(std::filesystem::path dir, MakeTempDir());
  request.output = (dir / "chart.svg").string();
  auto drawn = DrawChart(&ws, request);
  std::string svg;
  if (drawn.ok()) {
    std::ifstream in(request.output, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    svg = bytes.str();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (!drawn.ok()) return drawn.status();
  if (svg.empty()) return base::IOError("the chart could not be read back");
  return svg;
}

}  // namespace vka::app
