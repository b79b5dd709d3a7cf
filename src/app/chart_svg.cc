// A situation chart as SVG bytes (app/chart_svg.h).

#include "app/chart_svg.h"

#include "app/charts.h"

namespace vka::app {

base::Result<std::string> SituationChartSvg(Workspace& ws, const std::string& kind,
                                            const std::string& situation_id,
                                            const std::string& language,
                                            std::optional<Role> reader) {
  ChartRequest request;
  VKA_ASSIGN_OR_RETURN(request.kind, chart::ParseKind(kind));
  VKA_ASSIGN_OR_RETURN(request.language, chart::ParseLanguage(language));
  request.situation_id = situation_id;
  request.reader = reader;
  return RenderChart(&ws, request, chart::Format::kSvg);
}

}  // namespace vka::app
