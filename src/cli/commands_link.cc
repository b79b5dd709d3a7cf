// vka link: record linkage on CSV files (dedupe, match, eval, overlap).
// The workspace commands (link persons, review) come later (issue 5 part 3).

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/link.h"
#include "app/link_persons.h"
#include "cli/command.h"
#include "cli/progress_bar.h"

namespace vka::cli {
namespace {

struct LinkFlags {
  std::string config;
  bool auto_config = false;
  std::string write_config;
  std::string out;
  std::string truth;
  std::string explain;
};

void AddRunFlags(CLI::App* cmd, LinkFlags& f) {
  cmd->add_option("--config", f.config, "Linkage configuration (TOML)");
  cmd->add_flag("--auto", f.auto_config, "Propose the configuration from column names and data");
  cmd->add_option("--write-config", f.write_config, "Write the configuration used to this file");
  cmd->add_option("--truth", f.truth, "record_id,entity_id file: report blocking pairs completeness");
  cmd->add_option("--explain", f.explain, "Write accepted pairs with per-field levels and weights (CSV)");
}

base::Result<app::LinkRunOptions> RunOptions(const LinkFlags& f) {
  if (f.auto_config == !f.config.empty()) {
    return base::InvalidArgumentError("give exactly one of --config FILE and --auto");
  }
  app::LinkRunOptions o;
  o.config_path = f.config;
  o.auto_config = f.auto_config;
  o.write_config = f.write_config;
  o.out = f.out;
  o.truth = f.truth;
  o.explain = f.explain;
  return o;
}

void SetupDedupe(CLI::App* cmd, Globals& g) {
  auto f = std::make_shared<LinkFlags>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  AddRunFlags(cmd, *f);
  cmd->add_option("--input", *inputs, "CSV file (repeatable; same header)")->required();
  cmd->add_option("--out", f->out, "Output: record_id,cluster_id[,input]")->required();
  cmd->callback([&g, f, inputs] {
    g.action = [f, inputs]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(app::LinkRunOptions o, RunOptions(*f));
      ProgressBar bar("compare", /*bytes=*/false);
      o.progress = bar.AsFn();
      VKA_ASSIGN_OR_RETURN(std::string summary, app::DedupeFiles(*inputs, o));
      std::fputs(summary.c_str(), stdout);
      return base::OkStatus();
    };
  });
}

void SetupMatch(CLI::App* cmd, Globals& g) {
  auto f = std::make_shared<LinkFlags>();
  auto left = std::make_shared<std::string>();
  auto right = std::make_shared<std::string>();
  auto one_to_one = std::make_shared<bool>(false);
  AddRunFlags(cmd, *f);
  cmd->add_option("--left", *left, "Left CSV file")->required();
  cmd->add_option("--right", *right, "Right CSV file")->required();
  cmd->add_option("--out", f->out, "Output: left_id,right_id,match_probability")->required();
  cmd->add_flag("--one-to-one", *one_to_one, "Keep only each record's best partner");
  cmd->callback([&g, f, left, right, one_to_one] {
    g.action = [f, left, right, one_to_one]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(app::LinkRunOptions o, RunOptions(*f));
      ProgressBar bar("compare", /*bytes=*/false);
      o.progress = bar.AsFn();
      VKA_ASSIGN_OR_RETURN(std::string summary, app::MatchFiles(*left, *right, *one_to_one, o));
      std::fputs(summary.c_str(), stdout);
      return base::OkStatus();
    };
  });
}

void SetupEval(CLI::App* cmd, Globals& g) {
  auto clusters = std::make_shared<std::string>();
  auto truth = std::make_shared<std::string>();
  cmd->add_option("--clusters", *clusters, "clusters.csv (record_id,cluster_id) or pairs.csv (left_id,right_id)")
      ->required();
  cmd->add_option("--truth", *truth, "truth.csv (record_id,entity_id)")->required();
  cmd->callback([&g, clusters, truth] {
    g.action = [clusters, truth]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(std::string report, app::EvaluateLinkage(*clusters, *truth));
      std::fputs(report.c_str(), stdout);
      return base::OkStatus();
    };
  });
}

void SetupOverlap(CLI::App* cmd, Globals& g) {
  auto clusters = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--clusters", *clusters, "clusters.csv with an input (or list) column")->required();
  cmd->add_option("-o,--output", *out, "overlap.csv: one 0/1 column per list, then count")->required();
  cmd->callback([&g, clusters, out] {
    g.action = [clusters, out]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(std::string summary, app::WriteOverlapTable(*clusters, *out));
      std::fputs(summary.c_str(), stdout);
      return base::OkStatus();
    };
  });
}

}  // namespace

void SetupPersons(CLI::App* cmd, Globals& g) {
  auto o = std::make_shared<app::PersonLinkOptions>();
  cmd->add_option("--situation", o->situation, "Only the persons of this situation");
  cmd->add_option("--threshold", o->threshold, "Match probability at which a pair is accepted")
      ->capture_default_str();
  cmd->add_option("--review-below", o->review_low,
                  "Pairs from this probability up to the threshold go to review")
      ->capture_default_str();
  cmd->callback([&g, o] {
    g.action = [&g, o]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      ProgressBar bar("compare", /*bytes=*/false);
      app::PersonLinkOptions options = *o;
      options.progress = bar.AsFn();
      VKA_ASSIGN_OR_RETURN(app::PersonLinkSummary summary,
                           app::LinkWorkspacePersons(*ws, options));
      std::fputs(summary.ToString().c_str(), stdout);
      return base::OkStatus();
    };
  });
}

void SetupReview(CLI::App* cmd, Globals& g) {
  auto limit = std::make_shared<int>(20);
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("--limit", *limit, "Pairs to show")->capture_default_str();
  cmd->add_option("--format", *format, "text or json")->capture_default_str();
  cmd->callback([&g, limit, format] {
    g.action = [&g, limit, format]() -> base::Status {
      if (*format != "text" && *format != "json") {
        return base::InvalidArgumentError("unknown --format " + *format + " (text, json)");
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto pairs, app::PairsToReview(*ws));
      const size_t shown = std::min(pairs.size(), static_cast<size_t>(std::max(*limit, 0)));
      if (*format == "json") {
        base::Json list = base::Json::array();
        for (size_t i = 0; i < shown; ++i) list.push_back(app::ReviewPairJson(pairs[i]));
        base::Json out = {{"pairs", list}, {"total", pairs.size()}};
        std::fputs((out.dump(2) + "\n").c_str(), stdout);
        return base::OkStatus();
      }
      std::string out;
      for (size_t i = 0; i < shown; ++i) {
        const auto& p = pairs[i];
        char prob[32];
        std::snprintf(prob, sizeof prob, "%.3f", p.probability);
        out += p.a + " " + p.b + "  probability " + prob + "\n" + p.explanation + "\n";
      }
      out += std::to_string(pairs.size()) + " pair(s) to review; decide with vka link accept|reject A B\n";
      std::fputs(out.c_str(), stdout);
      return base::OkStatus();
    };
  });
}

void SetupDecide(CLI::App* cmd, Globals& g, bool same) {
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  auto rationale = std::make_shared<std::string>();
  cmd->add_option("a", *a, "A person id")->required();
  cmd->add_option("b", *b, "The other person id")->required();
  cmd->add_option("--rationale", *rationale, "Why (kept with the decision)");
  cmd->callback([&g, a, b, rationale, same] {
    g.action = [&g, a, b, rationale, same]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string id,
                           app::DecidePersonPair(*ws, *a, *b, same, *rationale, g.Context()));
      std::printf("%s: %s %s (%s)\n", same ? "same person" : "different persons", a->c_str(),
                  b->c_str(), id.c_str());
      return base::OkStatus();
    };
  });
}

void SetupLink(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupDedupe(sub.add_subcommand("dedupe", "Find duplicate persons in one or more CSV lists"), g);
  SetupMatch(sub.add_subcommand("match", "Link the records of two CSV lists"), g);
  SetupEval(sub.add_subcommand("eval", "Precision, recall and F1 against ground truth"), g);
  SetupOverlap(sub.add_subcommand("overlap", "List-overlap table for multiple systems estimation"), g);
  SetupPersons(sub.add_subcommand("persons", "Link the workspace's person records (obeys decisions)"), g);
  SetupReview(sub.add_subcommand("review", "The uncertain pairs of the last run, with explanations"), g);
  SetupDecide(sub.add_subcommand("accept", "Decide that two person records are the same person"), g,
              true);
  SetupDecide(sub.add_subcommand("reject", "Decide that two person records are different persons"),
              g, false);
}

}  // namespace vka::cli
