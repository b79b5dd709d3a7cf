// The reparations registry: `vka claim add|show|list|edit|transition|history`
// on single claims, and `vka claims summary|duplicates|duplicate` on the
// registry (docs/claims.md).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

#include "app/claims.h"
#include "cli/command.h"
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

base::Json RowJson(const claims::SummaryRow& row) {
  auto interval = [](const claims::Interval& v) { return base::Json{{"mid", v.mid}, {"low", v.low}, {"high", v.high}}; };
  return {{"key", row.key}, {"claims", row.claims}, {"claimed", interval(row.claimed)},
          {"awarded", interval(row.awarded)}, {"unvalued_amounts", row.unvalued}};
}

std::string SummaryJson(const claims::Summary& s) {
  base::Json out = {{"reference_currency", s.reference_currency}, {"reference_year", s.reference_year},
                    {"tables_version", s.tables_version}, {"by", GroupName(s.by)}, {"total", RowJson(s.total)}};
  out["groups"] = base::Json::array();
  for (const auto& row : s.rows) out["groups"].push_back(RowJson(row));
  return out.dump(2) + "\n";
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
      return Print(*format == "json" ? SummaryJson(s) : SummaryText(s));
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

std::string FlagsJson(const std::vector<app::ReviewedFlag>& flags) {
  base::Json out = base::Json::array();
  for (const auto& f : flags) {
    out.push_back({{"id", f.flag.id}, {"type", f.flag.type}, {"key", f.flag.key}, {"claims", f.flag.claims},
                   {"explanation", f.flag.explanation}, {"decision", f.decision}, {"reviewer", f.reviewer}});
  }
  return out.dump(2) + "\n";
}

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
      VKA_ASSIGN_OR_RETURN(auto flags, app::FindClaimOverlaps(*ws, &stats));
      std::erase_if(flags, [&](const app::ReviewedFlag& f) {
        return (!type->empty() && f.flag.type != *type) || (*unreviewed && !f.decision.empty());
      });
      return Print(*format == "json" ? FlagsJson(flags) : FlagsText(flags, stats));
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

}  // namespace

void SetupClaim(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupClaimAdd(sub, g);
  SetupClaimShow(sub, g);
  SetupClaimList(sub, g);
  SetupClaimEdit(sub, g);
  SetupClaimTransition(sub, g);
  SetupClaimHistory(sub, g);
}

void SetupClaims(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupClaimsSummary(sub, g);
  SetupClaimsDuplicates(sub, g);
  SetupClaimsDuplicateReview(sub, g);
  SetupClaimsGen(sub, g);
}

}  // namespace vka::cli
