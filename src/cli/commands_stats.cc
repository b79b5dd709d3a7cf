// `vka stats`: patterns of a situation's documented acts.

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "app/patterns.h"
#include "app/patterns_json.h"
#include "base/csv.h"
#include "base/json.h"
#include "cli/command.h"

namespace vka::cli {
namespace {

using base::Json;

struct StatsFlags {
  std::string situation;
  std::string by;  // empty: every dimension
  std::string format = "text";
  std::string population;
  std::string role;  // empty: everything (the operator's own view)
};

// The --role as a reader; nullopt without one.
base::Result<std::optional<app::Role>> Reader(const std::string& name) {
  if (name.empty()) return std::optional<app::Role>();
  std::optional<app::Role> role = app::ParseUserRole(name);
  if (!role) {
    return base::InvalidArgumentError("--role: unknown role \"" + name +
                                      "\" (admin, lawyer, documenter, reviewer, viewer)");
  }
  return role;
}

std::string Label(const app::PatternsReport& rep, stats::Dimension d, const std::string& key) {
  if (d != stats::Dimension::kPlace) return key;
  auto it = rep.place_names.find(key);
  return it == rep.place_names.end() ? key : it->second + " (" + key + ")";
}

void PrintDimension(const app::PatternsReport& rep, const stats::DimensionCounts& d) {
  std::printf("\nBy %s:\n", stats::DimensionName(d.dimension));
  std::printf("  %-44s %8s %8s %12s\n", "", "acts", "victims", "unidentified");
  for (const auto& g : d.groups) {
    std::printf("  %-44s %8lld %8lld %12lld\n", Label(rep, d.dimension, g.key).c_str(),
                static_cast<long long>(g.acts), static_cast<long long>(g.victims),
                static_cast<long long>(g.unidentified_victims));
  }
  if (d.groups.empty()) std::printf("  (none)\n");
}

void PrintSummary(const app::PatternsReport& rep) {
  const stats::PatternResult& r = rep.result;
  std::printf("Patterns of documented acts: %s (%s)\n", rep.situation_name.c_str(),
              rep.situation_id.c_str());
  std::printf("%lld acts (%s), %lld distinct identified victims, %lld unidentified victims\n",
              static_cast<long long>(r.acts),
              rep.all_acts ? "the situation has no events: all acts"
                           : ("in " + std::to_string(rep.events) + " events").c_str(),
              static_cast<long long>(r.distinct_victims),
              static_cast<long long>(r.unidentified_victims));
  std::printf("Dates: %lld on one day, %lld approximate or ranged, %lld undated\n",
              static_cast<long long>(r.dates.single_day),
              static_cast<long long>(r.dates.ranged_or_approximate),
              static_cast<long long>(r.dates.undated));
}

void PrintMeasures(const stats::PatternResult& r) {
  const auto& t = r.temporal;
  if (t.dated_acts > 0) {
    std::printf("\nTime: %s to %s (%lld days), %.2f acts per day; peak %s with %lld acts;\n"
                "  half of the dated acts (%lld) fall within %lld days, %s to %s\n",
                stats::DayString(t.first_day).c_str(), stats::DayString(t.last_day).c_str(),
                static_cast<long long>(t.span_days), t.acts_per_day,
                stats::DayString(t.peak_day).c_str(), static_cast<long long>(t.peak_acts),
                static_cast<long long>(t.half_window_acts),
                static_cast<long long>(t.half_window_days),
                stats::DayString(t.half_window_start).c_str(),
                stats::DayString(t.half_window_end).c_str());
  }
  std::printf("Places: %lld distinct", static_cast<long long>(r.spread.distinct_places));
  if (r.spread.has_distance) {
    std::printf("; the farthest two of %lld with coordinates are %.1f km apart",
                static_cast<long long>(r.spread.places_with_coordinates), r.spread.max_distance_km);
  }
  const auto& m = r.modus_operandi;
  std::printf("\nModus operandi: %lld events, %lld pairs; mean Jaccard similarity of act types "
              "%.3f; %.1f%% of pairs above 0.5\n",
              static_cast<long long>(m.events), static_cast<long long>(m.pairs), m.mean_jaccard,
              100 * m.share_above_half);
  for (const auto& x : r.targeting) {
    std::printf("Targeting %s: %lld of %lld victims with a known identity (%.1f%%) vs %.1f%% of "
                "the population: ratio %.2f\n",
                x.group.c_str(), static_cast<long long>(x.victims),
                static_cast<long long>(x.victims_with_identity), 100 * x.victim_share,
                100 * x.population_share, x.ratio);
  }
}

// A number of the kept estimate's JSON (null: unbounded or not estimable).
std::string EstimateNumber(const Json& v) {
  if (!v.is_number()) return "unbounded";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v.get<double>());
  return buf;
}

// The estimate kept with the situation (app/estimate.h), beside the counts.
void PrintEstimate(const Json& kept) {
  const Json& result = kept.at("result");
  std::printf("\nEstimate kept with this situation (multiple systems estimation) of %s,\n"
              "  from %s (sha256 %.12s...), kept %s, over %zu lists:\n",
              kept.value("counts", "").c_str(), kept.at("table").value("file", "").c_str(),
              kept.at("table").value("sha256", "").c_str(), kept.value("kept_at", "").c_str(),
              result.at("lists").size());
  for (const auto& [method, m] : result.at("methods").items()) {
    std::printf("  %-9s documented %s, estimated %s, %.0f%% interval %s to %s\n", method.c_str(),
                EstimateNumber(m.at("observed")).c_str(), EstimateNumber(m.at("estimate")).c_str(),
                100 * m.value("level", 0.95), EstimateNumber(m.at("lower")).c_str(),
                EstimateNumber(m.at("upper")).c_str());
    for (const auto& w : m.at("warnings")) {
      std::printf("            warning: %s\n", w.get<std::string>().c_str());
    }
  }
  for (const auto& c : result.at("caveats")) std::printf("  Note: %s\n", c.get<std::string>().c_str());
}

void PrintText(const app::PatternsReport& rep, std::optional<stats::Dimension> only) {
  PrintSummary(rep);
  if (rep.estimate) PrintEstimate(*rep.estimate);
  for (const auto& d : rep.result.dimensions) {
    if (!only || *only == d.dimension) PrintDimension(rep, d);
  }
  if (!only) PrintMeasures(rep.result);
  std::printf("\n");
  for (const auto& c : rep.result.caveats) std::printf("Note: %s\n", c.c_str());
}

void PrintCsv(const app::PatternsReport& rep, stats::Dimension only) {
  base::WriteCsvRow(std::cout, {"key", "acts", "victims"});
  for (const auto& d : rep.result.dimensions) {
    if (d.dimension != only) continue;
    for (const auto& g : d.groups) {
      base::WriteCsvRow(std::cout, {g.key, std::to_string(g.acts), std::to_string(g.victims)});
    }
  }
}

base::Status Run(const StatsFlags& f, Globals& g) {
  std::optional<stats::Dimension> only;
  if (!f.by.empty()) {
    VKA_ASSIGN_OR_RETURN(only, stats::ParseDimension(f.by));
  }
  if (f.format == "csv" && !only) {
    return base::InvalidArgumentError("--format csv writes one dimension: add --by");
  }
  VKA_ASSIGN_OR_RETURN(std::optional<app::Role> reader, Reader(f.role));
  VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
  VKA_ASSIGN_OR_RETURN(app::PatternsReport rep,
                       app::ComputeSituationPatterns(*ws, {f.situation, f.population, reader}));
  for (const std::string& withheld : rep.withheld_dimensions) {
    if (withheld == f.by) {
      return base::PermissionDeniedError("--by " + f.by + ": drawn from a sensitive field role " +
                                         f.role + " may not see");
    }
  }
  if (f.format == "json") {
    VKA_ASSIGN_OR_RETURN(Json json, app::PatternsJson(rep, f.by));
    std::cout << json.dump(2) << "\n";
  } else if (f.format == "csv") {
    PrintCsv(rep, *only);
  } else {
    PrintText(rep, only);
    std::fflush(stdout);
  }
  std::cout.flush();
  if (!std::cout || std::ferror(stdout)) return base::IOError("write to standard output failed");
  return base::OkStatus();
}

}  // namespace

void SetupStats(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<StatsFlags>();
  sub.add_option("--situation", f->situation, "Situation id (sit_...)")->required();
  sub.add_option("--by", f->by, "Only one dimension: type, day, place, sex, age or identity")
      ->check(CLI::IsMember({"type", "day", "place", "sex", "age", "identity"}));
  sub.add_option("--format", f->format, "text (default), json, or csv (needs --by)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub.add_option("--population", f->population,
                 "CSV with header group,share or group,count: population baseline of national "
                 "identities, for targeting ratios");
  sub.add_option("--role", f->role,
                 "Count only what this role may read, as the web API does: admin, lawyer, "
                 "documenter, reviewer or viewer (default: every record)");
  sub.callback([&g, f] {
    g.action = [&g, f]() -> base::Status { return Run(*f, g); };
  });
}

}  // namespace vka::cli
