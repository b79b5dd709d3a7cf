#include "app/charts.h"

#include <filesystem>
#include <vector>

#include "app/estimate.h"
#include "app/estimate_json.h"
#include "app/files.h"
#include "app/patterns.h"
#include "base/json.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

using base::Json;

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The id of the workspace's only situation.
base::Result<std::string> OnlySituation(Workspace& ws) {
  std::vector<std::string> ids;
  VKA_RETURN_IF_ERROR(
      ws.store().ForEachCurrent(model::Kind::kSituation, [&](const storage::Revision& rev) {
        ids.push_back(rev.id);
        return base::OkStatus();
      }));
  if (ids.empty()) return base::NotFoundError("the workspace has no situation");
  if (ids.size() > 1) {
    return base::InvalidArgumentError("the workspace has " + std::to_string(ids.size()) +
                                      " situations: name a situation with --situation");
  }
  return ids.front();
}

// The name of situation `id`; kNotFound as LoadSituationRecords.
base::Result<std::string> SituationName(Workspace& ws, const std::string& id) {
  auto kind = model::KindOfId(id);
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!kind || *kind != model::Kind::kSituation || !latest || latest->deleted) {
    return base::NotFoundError("no situation " + id);
  }
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
  return Str(body, "name");
}

// Every live place's name in English, Armenian and Russian (where it has one;
// a place without an English name shows its first name in English); with a
// reader, only the places it may read.
base::Result<std::map<std::string, chart::PlaceNames>> ReadPlaceNames(
    Workspace& ws, std::optional<Role> reader) {
  std::map<std::string, chart::PlaceNames> names;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kPlace, [&](const storage::Revision& rev) -> base::Status {
        auto body = base::ParseJsonStrict(rev.body);
        if (!body.ok()) return body.status().WithContext("read " + rev.id);
        if (reader && !MayRead(*reader, ConfidentialityOf(*body))) return base::OkStatus();
        auto list = body->find("names");
        if (list == body->end() || !list->is_array() || list->empty()) return base::OkStatus();
        chart::PlaceNames& n = names[rev.id];
        for (const Json& name : *list) {
          const std::string lang = Str(name, "language");
          std::string& slot = lang == "hy" ? n.hy : lang == "ru" ? n.ru : n.en;
          if (slot.empty() && (lang == "en" || lang == "hy" || lang == "ru"))
            slot = Str(name, "value");
        }
        if (n.en.empty()) n.en = Str((*list)[0], "value");
        return base::OkStatus();
      }));
  return names;
}

base::Result<std::string> RenderSituation(Workspace& ws, const ChartRequest& request,
                                          chart::Format format, const std::string& situation_id) {
  VKA_ASSIGN_OR_RETURN(SituationRecords records,
                       LoadSituationRecords(ws, situation_id, request.reader));
  chart::SituationData data{records.situation_name, std::move(records.input), {}};
  VKA_ASSIGN_OR_RETURN(data.place_names, ReadPlaceNames(ws, request.reader));
  return chart::RenderSituationChart(request.kind, data, {format, request.language, &ws.vocab()});
}

// The estimate kept with the request's situation (vka estimate --keep-for),
// for a reader who may see it.
base::Result<std::string> RenderKeptEstimate(Workspace* ws, const ChartRequest& request,
                                             chart::Format format) {
  if (ws == nullptr || request.situation_id.empty()) {
    return base::InvalidArgumentError(
        "the estimate chart needs an overlap table (--table) or a situation with a kept "
        "estimate (--situation; vka estimate --keep-for)");
  }
  VKA_ASSIGN_OR_RETURN(std::string name, SituationName(*ws, request.situation_id));
  VKA_ASSIGN_OR_RETURN(auto kept, KeptEstimate(*ws, request.situation_id, request.reader));
  if (!kept) {
    return base::NotFoundError("no estimate kept with " + request.situation_id +
                               " (vka estimate --table T --keep-for " + request.situation_id +
                               " --counts ...), or none this role may see");
  }
  chart::EstimateData data;
  data.context = name + " \u00b7 " + kept->value("counts", "");
  auto figures = MseFiguresFromJson(kept->at("result"));
  if (!figures.ok()) {
    return base::DataLossError("estimates/" + request.situation_id +
                               ".json: " + figures.status().message());
  }
  data.result = std::move(*figures);
  return chart::RenderEstimateChart(data, {format, request.language, nullptr});
}

base::Result<std::string> RenderEstimate(Workspace* ws, const ChartRequest& request,
                                         chart::Format format) {
  if (request.table_path.empty()) return RenderKeptEstimate(ws, request, format);
  chart::EstimateData data;
  data.context = std::filesystem::path(request.table_path).filename().string();
  if (ws != nullptr && !request.situation_id.empty()) {
    VKA_ASSIGN_OR_RETURN(std::string name, SituationName(*ws, request.situation_id));
    data.context = name + " \u00b7 " + data.context;
  }
  VKA_ASSIGN_OR_RETURN(data.result, EstimateFromTable({request.table_path, request.stratum_column,
                                                       request.options}));
  return chart::RenderEstimateChart(data, {format, request.language, nullptr});
}

}  // namespace

base::Result<std::string> RenderChart(Workspace* ws, const ChartRequest& request,
                                      chart::Format format, std::string* situation_id) {
  std::string situation = request.situation_id;
  std::string bytes;
  if (request.kind == chart::Kind::kEstimate) {
    VKA_ASSIGN_OR_RETURN(bytes, RenderEstimate(ws, request, format));
  } else {
    if (!request.table_path.empty() || !request.stratum_column.empty()) {
      return base::InvalidArgumentError(
          std::string("--table and --strata are for the estimate chart, not ") +
          chart::KindName(request.kind));
    }
    if (ws == nullptr) {
      return base::InvalidArgumentError(std::string("the ") + chart::KindName(request.kind) +
                                        " chart needs a workspace");
    }
    if (situation.empty()) {
      VKA_ASSIGN_OR_RETURN(situation, OnlySituation(*ws));
    }
    VKA_ASSIGN_OR_RETURN(bytes, RenderSituation(*ws, request, format, situation));
  }
  if (situation_id != nullptr) *situation_id = std::move(situation);
  return bytes;
}

base::Result<ChartResult> DrawChart(Workspace* ws, const ChartRequest& request) {
  ChartResult result{request.output, chart::Format::kSvg, 0, request.situation_id};
  VKA_ASSIGN_OR_RETURN(result.format, chart::FormatForPath(request.output));
  VKA_ASSIGN_OR_RETURN(std::string bytes,
                       RenderChart(ws, request, result.format, &result.situation_id));
  base::Status written = WriteFileAtomically(request.output, bytes);
  if (!written.ok()) return written.WithContext("write chart " + request.output);
  result.bytes = bytes.size();
  return result;
}

}  // namespace vka::app
