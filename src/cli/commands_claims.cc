// The reparations registry: `vka claim add|show|list|edit|transition|history`
// on single claims, and `vka claims summary|duplicates|duplicate` and the
// mass-claims `vka claims route|sample|precedent` on the registry
// (docs/claims.md).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <tuple>

#include "app/claims.h"
#include "app/claims_json.h"
#include "app/claims_mass.h"
#include "cli/command.h"
#include "cli/progress_bar.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

std::string Money(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string Range(const claims::Interval& v) {
  return Money(v.mid) + " (" + Money(v.low) + "–" + Money(v.high) + ")";
}

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string ClaimText(const app::ClaimView& v, const std::string& body) {
  const auto& f = v.facts;
  std::string out = f.id + " · claim · " + f.status + (f.track.empty() ? "" : " · " + f.track + " track") + "\n";
  out += "claimant: " + (f.claimant.empty() ? "household " + Join(f.household) : f.claimant) + "\n";
  if (!f.forms.empty()) out += "forms: " + Join(f.forms) + "\n";
  out += "claimed: " + Range(v.claimed) + " " + v.reference + "\n";
  if (!f.awards.empty()) out += "awarded: " + Range(v.awarded) + " " + v.reference + "\n";
  out += "next: " + (v.next_statuses.empty() ? std::string("(final)") : Join(v.next_statuses)) + "\n";
  return out + PrettyBody(body) + "\n";
}

void SetupClaimAdd(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("add", "Add a claim from JSON (status draft unless given)");
  auto json = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("--json", *json, "The claim as a JSON object (fields: `vka schema claim`, docs/claims.md)");
  sub->add_option("--file", *file, "Read the JSON object from a file (- for stdin)");
  sub->add_option("--reason", *reason, "Why the claim is added (optional)");
  sub->callback([&g, json, file, reason] {
    g.action = [&g, json, file, reason]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(std::string text, ReadJsonArg(*json, *file, "claim"));
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string id, app::AddClaim(*ws, text, g.Context(*reason)));
      return Print(id + "\n");
    };
  });
}

void SetupClaimShow(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("show", "Show a claim, its valuation and its possible next states");
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("id", *id, "Claim id (clm_…)")->required();
  sub->add_option("--format", *format, "text or json (the canonical body)")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, id, format] {
    g.action = [&g, id, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::ClaimView view, app::ViewClaim(*ws, *id));
      VKA_ASSIGN_OR_RETURN(app::Revision r, app::GetRecord(*ws, *id));
      return Print(*format == "json" ? r.body + "\n" : ClaimText(view, r.body));
    };
  });
}

void SetupClaimList(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("list", "List claims, optionally by status or claimant");
  auto query = std::make_shared<app::ListQuery>();
  auto status = std::make_shared<std::string>();
  auto claimant = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--status", *status, "Only claims in this status");
  sub->add_option("--claimant", *claimant, "Only claims of this person (per_…)");
  sub->add_option("--limit", query->limit, "At most this many (default 50; 0 for all)");
  sub->add_option("--offset", query->offset, "Skip this many first");
  sub->add_option("--format", *format, "text or ndjson")->check(CLI::IsMember({"text", "ndjson"}));
  sub->callback([&g, query, status, claimant, format] {
    g.action = [&g, query, status, claimant, format]() -> base::Status {
      query->kind = model::Kind::kClaim;
      if (!status->empty()) query->where.push_back({"status", *status});
      if (!claimant->empty()) query->where.push_back({"claimant", *claimant});
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto revs, app::ListRecords(*ws, *query));
      std::string out;
      for (const auto& r : revs) {
        if (*format == "ndjson") {
          out += r.body + "\n";
          continue;
        }
        VKA_ASSIGN_OR_RETURN(app::ClaimView v, app::ViewClaim(*ws, r.id));
        out += r.id + "  " + v.facts.status + "  " +
               (v.facts.claimant.empty() ? "household" : v.facts.claimant) + "  " + Join(v.facts.forms, ",") +
               "  " + Money(v.claimed.mid) + "\n";
      }
      return Print(out);
    };
  });
}

void SetupClaimEdit(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("edit", "Change fields of a claim (status and decision: use transition)");
  auto id = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  auto unsets = std::make_shared<std::vector<std::string>>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("id", *id, "Claim id")->required();
  sub->add_option("--set", *sets, "FIELD=VALUE (repeatable; lists and objects as JSON)");
  sub->add_option("--unset", *unsets, "FIELD to remove (repeatable)");
  sub->add_option("--reason", *reason, "Why the change is made")->required();
  sub->callback([&g, id, sets, unsets, reason] {
    g.action = [&g, id, sets, unsets, reason]() -> base::Status {
      std::vector<app::FieldChange> changes;
      for (const auto& s : *sets) {
        auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) return base::InvalidArgumentError("--set takes FIELD=VALUE, got \"" + s + "\"");
        changes.push_back({s.substr(0, eq), s.substr(eq + 1)});
      }
      for (const auto& u : *unsets) changes.push_back({u, std::nullopt});
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(int64_t rev, app::EditClaim(*ws, *id, changes, g.Context(*reason)));
      return Print(*id + " rev " + std::to_string(rev) + "\n");
    };
  });
}

void SetupClaimTransition(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand(
      "transition",
      "Move a claim along its workflow: draft → submitted → under_verification → verified → "
      "granted | partly_granted | rejected → enforced | paid; withdrawn from any non-final state");
  auto t = std::make_shared<app::Transition>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("id", t->id, "Claim id")->required();
  sub->add_option("--to", t->to, "The new status")->required();
  sub->add_option("--reason", *reason, "Why (for a decision: its reasons)")->required();
  sub->add_option("--legal-basis", t->legal_basis, "Decision: legal KB id it rests on (repeatable; e.g. bpg.20)");
  sub->add_option("--evidence", t->evidence, "Decision: source or information record it cites (repeatable)");
  sub->add_option("--award", t->awards, "Decision: FORM:AMOUNT:CURRENCY:YEAR awarded (repeatable)");
  sub->add_option("--date", t->date, "Decision: its date (EDTF; default today)");
  sub->add_option("--precedent", t->precedent, "Decision: the claim whose decision it follows");
  sub->callback([&g, t, reason] {
    g.action = [&g, t, reason]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(int64_t rev, app::TransitionClaim(*ws, *t, g.Context(*reason)));
      return Print(t->id + " → " + t->to + " (rev " + std::to_string(rev) + ")\n");
    };
  });
}

void SetupClaimHistory(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("history", "Every revision of a claim: who moved it, when and why");
  auto id = std::make_shared<std::string>();
  sub->add_option("id", *id, "Claim id")->required();
  sub->callback([&g, id] {
    g.action = [&g, id]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto revs, app::RecordHistory(*ws, *id));
      std::string out;
      for (size_t idx = 0; idx < revs.size(); ++idx) {
        const auto& r = revs[idx];
        out += "rev " + std::to_string(r.rev) + "  " + r.at + "  by " + r.by + (idx == 0 ? "  created" : "");
        if (!r.reason.empty()) out += "  \"" + r.reason + "\"";
        out += "\n";
        if (idx > 0) out += DiffBodies(revs[idx - 1].body, r.body);
      }
      return Print(out);
    };
  });
}


const char* GroupName(claims::GroupBy by) {
  switch (by) {
    case claims::GroupBy::kStatus: return "status";
    case claims::GroupBy::kForm: return "form";
    case claims::GroupBy::kPlace: return "place";
    case claims::GroupBy::kPeriod: return "period";
    case claims::GroupBy::kNone: break;
  }
  return "";
}

std::string SummaryText(const claims::Summary& s) {
  std::string unit = s.reference_currency + " of " + std::to_string(s.reference_year);
  std::string out = "Claims registry summary — amounts in " + unit + ", mid (low–high); tables " + s.tables_version + "\n";
  auto line = [](const claims::SummaryRow& r) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%-28s %8lld  ", r.key.c_str(), static_cast<long long>(r.claims));
    std::string l = buf + std::string("claimed ") + Range(r.claimed);
    if (r.awarded.high > 0) l += "  awarded " + Range(r.awarded);
    if (r.unvalued > 0) l += "  (" + std::to_string(r.unvalued) + " amounts not valued)";
    return l + "\n";
  };
  if (s.by != claims::GroupBy::kNone) {
    out += std::string("by ") + GroupName(s.by) + ":\n";
    for (const auto& r : s.rows) out += line(r);
  }
  return out + line(s.total) + "Bounds are interval sums (every part at its worst), not confidence intervals.\n";
}

void SetupClaimsSummary(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("summary", "Claims counted and valued (with bounds), optionally grouped");
  auto by = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--by", *by, "Group by status, form, place or period (the year of the harm)")
      ->check(CLI::IsMember({"status", "form", "place", "period"}));
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, by, format] {
    g.action = [&g, by, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(claims::GroupBy group, claims::ParseGroupBy(*by));
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(claims::Summary s, app::SummarizeClaims(*ws, group));
      return Print(*format == "json" ? app::ClaimsSummaryJson(s).dump(2) + "\n" : SummaryText(s));
    };
  });
}

std::string FlagsText(const std::vector<app::ReviewedFlag>& flags, const claims::OverlapStats& stats) {
  std::string out;
  for (const auto& f : flags) {
    out += f.flag.id + "  " + f.flag.type + "  " + Join(f.flag.claims) + "\n    " + f.flag.explanation + "\n";
    out += f.decision.empty() ? "    unreviewed\n" : "    " + f.decision + " by " + f.reviewer + "\n";
  }
  return out + std::to_string(flags.size()) + " flags among " + std::to_string(stats.claims) + " claims (" +
         std::to_string(stats.name_pairs_compared) + " name pairs compared)\n";
}

// One progress bar per phase of a long command (cli/progress_bar.h: drawn
// only on a terminal), each ended when the next phase starts.
class PhaseBars {
 public:
  claims::OverlapProgress AsFn() {
    return [this](std::string_view phase, uint64_t done, uint64_t total) {
      if (bar_ == nullptr || phase != phase_) {
        bar_.reset();
        phase_ = phase;
        bar_ = std::make_unique<ProgressBar>(phase_, /*bytes=*/false);
      }
      bar_->Update(done, total);
    };
  }

 private:
  std::string phase_;
  std::unique_ptr<ProgressBar> bar_;
};

void SetupClaimsDuplicates(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand(
      "duplicates", "Flag duplicate and overlapping claims: same claimant, one harm twice, several claimants "
                    "for one property, heirs of one victim claiming separately");
  auto type = std::make_shared<std::string>();
  auto unreviewed = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--type", *type, "Only this kind of flag")
      ->check(CLI::IsMember({"same_claimant", "double_harm", "shared_property", "shared_victim"}));
  sub->add_flag("--unreviewed", *unreviewed, "Only flags no reviewer has decided");
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, type, unreviewed, format] {
    g.action = [&g, type, unreviewed, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      claims::OverlapStats stats;
      PhaseBars bars;
      VKA_ASSIGN_OR_RETURN(auto flags, app::FindClaimOverlaps(*ws, &stats, bars.AsFn()));
      std::erase_if(flags, [&](const app::ReviewedFlag& f) {
        return (!type->empty() && f.flag.type != *type) || (*unreviewed && !f.decision.empty());
      });
      return Print(*format == "json" ? app::OverlapFlagsJson(flags).dump(2) + "\n" : FlagsText(flags, stats));
    };
  });
}

void SetupClaimsDuplicateReview(CLI::App& parent, Globals& g) {
  CLI::App* dup = parent.add_subcommand("duplicate", "Record a reviewer's decision on a flag (never merges claims)");
  dup->require_subcommand(1);
  for (auto [verb, decision, help] :
       {std::tuple{"accept", "confirmed", "Confirm the overlap: the claims are decided together"},
        std::tuple{"reject", "dismissed", "Dismiss the flag: the claims are distinct"}}) {
    CLI::App* sub = dup->add_subcommand(verb, help);
    auto flag = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    sub->add_option("flag", *flag, "Flag id (ovl_…, from `vka claims duplicates`)")->required();
    sub->add_option("--reason", *reason, "The rationale")->required();
    std::string decided = decision;
    sub->callback([&g, flag, reason, decided] {
      g.action = [&g, flag, reason, decided]() -> base::Status {
        VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
        VKA_ASSIGN_OR_RETURN(int64_t n, app::ReviewClaimOverlap(*ws, *flag, decided, g.Context(*reason)));
        return Print(*flag + " " + decided + "; recorded on " + std::to_string(n) + " claims\n");
      };
    });
  }
}

void SetupClaimsGen(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand(
      "gen", "Write a SYNTHETIC claims registry with planted duplicates and its ground truth (no workspace needed)");
  auto count = std::make_shared<int64_t>(0);
  auto dir = std::make_shared<std::string>();
  auto seed = std::make_shared<uint64_t>(11);
  sub->add_option("claims", *count, "Number of claims")->required();
  sub->add_option("--out", *dir, "Folder to write registry.ndjson, truth.csv, README.txt into")->required();
  sub->add_option("--seed", *seed, "Random seed (the same seed gives the same registry)");
  sub->callback([&g, count, dir, seed] {
    g.action = [count, dir, seed]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(std::string readme, app::GenerateClaimsRegistryFiles(*dir, *count, *seed));
      return Print(readme);
    };
  });
}

// ---- Mass claims: route, sample, precedent (app/claims_mass.h) ----

std::string Counts(const std::map<std::string, int64_t>& counts) {
  std::string out;
  for (const auto& [key, n] : counts) out += "  " + key + ": " + std::to_string(n) + "\n";
  return out;
}

constexpr size_t kMaxListedChanges = 100;

std::string RouteText(const app::RouteReport& r, bool dry_run) {
  std::string out = "rules " + r.rules + " (version " + (r.rules_version.empty() ? "none" : r.rules_version) +
                    "): " + std::to_string(r.considered) + " claims routed\nby track:\n" + Counts(r.by_track) +
                    "by rule:\n" + Counts(r.by_rule);
  for (size_t idx = 0; idx < r.changed.size() && idx < kMaxListedChanges; ++idx) {
    const auto& c = r.changed[idx];
    out += c.id + "  " + (c.from_track.empty() ? "(none)" : c.from_track) + " → " + c.track + "  (" + c.rule + ")\n";
  }
  if (r.changed.size() > kMaxListedChanges) {
    out += "… and " + std::to_string(r.changed.size() - kMaxListedChanges) + " more (--format json lists all)\n";
  }
  std::string n = std::to_string(r.changed.size());
  return out + (dry_run ? n + " claims would change track; dry run, nothing written\n"
                        : n + " claims changed track" + (r.written ? ", one revision each\n" : "\n"));
}

std::string RouteJson(const app::RouteReport& r) { return app::RouteReportJson(r).dump(2) + "\n"; }

void SetupClaimsRoute(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand(
      "route", "Route claims to a processing track (expedited, standard, individual_review) by rules kept as data");
  auto request = std::make_shared<app::RouteRequest>();
  auto reason = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--rules", request->rules_file, "Rules file (TOML; default: the built-in data/claims/routing.toml)");
  sub->add_option("--status", request->statuses,
                  "Only claims in this status (repeatable; default: every claim not yet decided)");
  sub->add_flag("--dry-run", request->dry_run, "Show what would change; write nothing");
  sub->add_option("--reason", *reason, "Why the claims are routed (for each claim's history)")->required();
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, request, reason, format] {
    g.action = [&g, request, reason, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::RouteReport r, app::RouteClaims(*ws, *request, g.Context(*reason)));
      return Print(*format == "json" ? RouteJson(r) : RouteText(r, request->dry_run));
    };
  });
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", share * 100);
  return buf;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// "track=expedited,status=verified" -> "track expedited and status verified".
std::string PopulationText(std::string population) {
  for (size_t pos; (pos = population.find('=')) != std::string::npos;) population[pos] = ' ';
  for (size_t pos; (pos = population.find(',')) != std::string::npos;) population.replace(pos, 1, " and ");
  return population;
}

void SetupSampleDraw(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("draw", "Draw a random sample of a category of claims for verification");
  auto request = std::make_shared<app::SampleRequest>();
  auto seed = std::make_shared<uint64_t>(0);
  auto reason = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--track", request->track, "The category: claims of this track");
  sub->add_option("--status", request->status, "The category: claims in this status (with --track: both)");
  sub->add_option("--margin", request->margin, "Margin of the error-rate estimate (default 0.05)");
  sub->add_option("--confidence", request->confidence, "Confidence (default 0.95)");
  CLI::Option* seed_opt = sub->add_option("--seed", *seed, "Random seed (default: a random one, recorded)");
  sub->add_flag("--dry-run", request->dry_run, "Show the sample; write nothing");
  sub->add_option("--reason", *reason, "Why the sample is drawn")->required();
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, request, seed, seed_opt, reason, format] {
    if (seed_opt->count() > 0) request->seed = *seed;
    g.action = [&g, request, reason, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::DrawnSample s, app::DrawVerificationSample(*ws, *request, g.Context(*reason)));
      if (*format == "json") {
        return Print(app::DrawnSampleJson(s).dump(2) + "\n");
      }
      std::string out = (s.written ? "sample " + s.id : std::string("dry run, nothing written; sample")) + ": " +
                        std::to_string(s.claims.size()) + " of the " + std::to_string(s.population_size) +
                        " claims of " + PopulationText(s.population) + " (seed " + std::to_string(s.seed) +
                        ", margin " + Number(s.margin) + ", confidence " +
                        Percent(s.confidence) + ")\n";
      for (const auto& id : s.claims) out += id + "\n";
      return Print(out);
    };
  });
}

void SetupSampleRecord(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand("record", "Record a checker's finding on a sampled claim");
  auto sample = std::make_shared<std::string>();
  auto claim = std::make_shared<std::string>();
  auto result = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("sample", *sample, "Sample id (smp_…)")->required();
  sub->add_option("claim", *claim, "Claim id (clm_…) drawn into the sample")->required();
  sub->add_option("--result", *result, "correct or error")->required()->check(CLI::IsMember({"correct", "error"}));
  sub->add_option("--reason", *reason, "What the check found (the finding's note)")->required();
  sub->callback([&g, sample, claim, result, reason] {
    g.action = [&g, sample, claim, result, reason]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_RETURN_IF_ERROR(app::RecordSampleFinding(*ws, *sample, *claim, *result, g.Context(*reason)));
      return Print(*sample + " " + *claim + ": " + *result + "\n");
    };
  });
}

void SetupSampleConclude(CLI::App& parent, Globals& g) {
  CLI::App* sub = parent.add_subcommand(
      "conclude", "The error rate of the sampled category: point estimate and exact upper bound (Clopper-Pearson)");
  auto sample = std::make_shared<std::string>();
  auto confidence = std::make_shared<double>(0);
  auto format = std::make_shared<std::string>("text");
  sub->add_option("sample", *sample, "Sample id (smp_…)")->required();
  sub->add_option("--confidence", *confidence, "Confidence of the bound (default: the one the sample was drawn for)");
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&g, sample, confidence, format] {
    g.action = [&g, sample, confidence, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::SampleConclusion c, app::ConcludeSample(*ws, *sample, *confidence));
      if (*format == "json") {
        return Print(app::SampleConclusionJson(c).dump(2) + "\n");
      }
      return Print("sample " + c.sample + ": " + std::to_string(c.errors) + " errors in " +
                   std::to_string(c.checked) + " checked claims (point estimate " + Percent(c.point_estimate) +
                   ")\nwith " + Percent(c.confidence) + " confidence the error rate of the " +
                   std::to_string(c.population_size) + " claims of " + PopulationText(c.population) +
                   " is at most " + Percent(c.upper_bound) + " (exact one-sided Clopper-Pearson bound)\n");
    };
  });
}

void SetupClaimsSample(CLI::App& parent, Globals& g) {
  CLI::App* sample = parent.add_subcommand("sample", "Verify a category of claims by a random sample");
  sample->require_subcommand(1);
  SetupSampleDraw(*sample, g);
  SetupSampleRecord(*sample, g);
  SetupSampleConclude(*sample, g);
}

std::string PlanText(const app::PrecedentPlan& p) {
  std::string out = "precedent " + p.precedent + ": " + p.outcome + ", legal basis " + Join(p.legal_basis);
  for (const auto& [form, share] : p.granted_share) out += "; " + form + " awarded " + Percent(share) + " of claimed";
  out += "\n";
  for (const auto& t : p.targets) {
    out += t.id + " → " + t.transition.to;
    if (!t.transition.awards.empty()) out += "  awards " + Join(t.transition.awards);
    out += "\n";
  }
  std::string n = std::to_string(p.targets.size());
  return out + (p.written ? n + " claims decided, one revision each\n"
                          : n + " claims would be decided; review, then repeat with --yes to write\n");
}

void SetupClaimsPrecedent(CLI::App& parent, Globals& g) {
  CLI::App* precedent = parent.add_subcommand("precedent", "Apply a precedent decision to a group of similar claims");
  precedent->require_subcommand(1);
  CLI::App* sub = precedent->add_subcommand(
      "apply", "Decide verified claims as a decided claim was: without --yes, only show the decisions (review)");
  auto request = std::make_shared<app::PrecedentRequest>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("--precedent", request->precedent, "The decided claim (clm_…) to follow")->required();
  sub->add_option("--to", request->targets, "The claims to decide (comma-separated or repeated)")
      ->required()
      ->delimiter(',');
  sub->add_flag("--yes", request->apply, "Write the decisions (after reviewing them)");
  sub->add_option("--reason", *reason, "The decisions' reasons")->required();
  sub->callback([&g, request, reason] {
    g.action = [&g, request, reason]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::PrecedentPlan p, app::ApplyPrecedent(*ws, *request, g.Context(*reason)));
      return Print(PlanText(p));
    };
  });
}

}  // namespace

void SetupClaim(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupClaimAdd(sub, g);
  SetupClaimShow(sub, g);
  SetupClaimList(sub, g);
  SetupClaimEdit(sub, g);
  SetupClaimTransition(sub, g);
  SetupClaimHistory(sub, g);
  SetupClaimStatement(sub, g);  // commands_claims_out.cc
}

void SetupClaims(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupClaimsSummary(sub, g);
  SetupClaimsDuplicates(sub, g);
  SetupClaimsDuplicateReview(sub, g);
  SetupClaimsGen(sub, g);
  SetupClaimsRoute(sub, g);
  SetupClaimsSample(sub, g);
  SetupClaimsPrecedent(sub, g);
  SetupClaimsPackage(sub, g);  // commands_claims_out.cc
}

}  // namespace vka::cli
