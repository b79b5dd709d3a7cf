// `vka log ...` and `vka verify`: the transparency log for archivists and
// independent verifiers (app/log.h, docs/formats/log.md).

#include <cstdio>

#include "app/log.h"
#include "cli/command.h"
#include "cli/render.h"
#include "cli/progress_bar.h"

namespace vka::cli {
namespace {

// Adds a leaf subcommand whose action prints the text a use case returns.
template <typename Fn>
void AddPrinter(CLI::App& log, Globals& g, const char* name, const char* help,
                std::function<void(CLI::App&)> flags, Fn fn) {
  CLI::App* sub = log.add_subcommand(name, help);
  if (flags) flags(*sub);
  sub->callback([&g, fn] {
    g.action = [&g, fn]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string text, fn(*ws));
      return Print(text);
    };
  });
}

}  // namespace

void SetupLog(CLI::App& log, Globals& g) {
  log.require_subcommand(1);
  AddPrinter(log, g, "key", "Print the verifier key (note vkey form) for independent tools", {},
             [](app::Workspace& ws) -> base::Result<std::string> {
               VKA_ASSIGN_OR_RETURN(std::string key, app::LogVerifierKey(ws));
               return key + "\n";
             });
  auto with_cosignatures = std::make_shared<bool>(false);
  auto stored_size = std::make_shared<uint64_t>(0);  // --size: a stored older checkpoint
  auto stored_size_flag = std::make_shared<CLI::Option*>(nullptr);
  AddPrinter(
      log, g, "checkpoint", "Print the latest signed checkpoint",
      [with_cosignatures, stored_size, stored_size_flag](CLI::App& sub) {
        sub.add_flag("--with-cosignatures", *with_cosignatures,
                     "The latest checkpoint peers cosigned, with their cosignatures");
        *stored_size_flag =
            sub.add_option("--size", *stored_size,
                           "Print the stored checkpoint of this tree size (log/checkpoints/N)")
                ->excludes("--with-cosignatures");
      },
      [with_cosignatures, stored_size, stored_size_flag](
          app::Workspace& ws) -> base::Result<std::string> {
        if ((*stored_size_flag)->count() > 0) return app::StoredCheckpointNote(ws, *stored_size);
        if (*with_cosignatures) return CosignedCheckpointText(ws);
        VKA_ASSIGN_OR_RETURN(app::LogState state, app::CurrentCheckpoint(ws));
        return state.checkpoint;
      });
  auto index = std::make_shared<uint64_t>(0);
  auto size = std::make_shared<uint64_t>(0);
  AddPrinter(
      log, g, "proof", "Print an inclusion proof of a leaf",
      [index, size](CLI::App& sub) {
        sub.add_option("--index", *index, "Leaf index (0-based)")->required();
        sub.add_option("--size", *size, "Tree size (default: the checkpoint's)");
      },
      [index, size](app::Workspace& ws) {
        return app::InclusionProofText(ws, *index, *size ? std::optional(*size) : std::nullopt);
      });
  auto old_size = std::make_shared<uint64_t>(0);
  auto new_size = std::make_shared<uint64_t>(0);
  AddPrinter(
      log, g, "consistency", "Print a consistency proof between two tree sizes",
      [old_size, new_size](CLI::App& sub) {
        sub.add_option("--old", *old_size, "Older tree size")->required();
        sub.add_option("--new", *new_size, "Newer tree size (default: the checkpoint's)");
      },
      [old_size, new_size](app::Workspace& ws) {
        return app::ConsistencyProofText(ws, *old_size,
                                         *new_size ? std::optional(*new_size) : std::nullopt);
      });
  auto ref = std::make_shared<std::string>();
  AddPrinter(
      log, g, "leaf", "Show which leaf commits to a revision (ID or ID@REV) and its proof",
      [ref](CLI::App& sub) { sub.add_option("ref", *ref, "ID or ID@REV")->required(); },
      [ref](app::Workspace& ws) { return app::DescribeLeaf(ws, *ref); });
  SetupLogCosignatures(log, g);
}

void SetupVerify(CLI::App& sub, Globals& g) {
  auto quick = std::make_shared<bool>(false);
  sub.add_flag("--quick", *quick, "Check signatures, tiles and consistency only");
  sub.callback([&g, quick] {
    g.action = [&g, quick]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      std::string summary;
      {  // the bar ends its line before the summary is printed
        ProgressBar bar("verify", /*bytes=*/false);
        VKA_ASSIGN_OR_RETURN(summary, app::VerifyWorkspace(*ws, *quick, bar.AsFn()));
      }
      return Print(summary);
    };
  });
}

}  // namespace vka::cli
