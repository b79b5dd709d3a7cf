// `vka witness ...` (this workspace as a witness of its peers' logs) and
// `vka log cosignatures add` (our log's checkpoints cosigned by peers):
// app/witness.h, docs/witnessing.md.

#include <cstdio>
#include <ctime>

#include "app/files.h"
#include "app/witness.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

constexpr size_t kMaxInputFileSize = 1 << 20;  // a signed note is at most 1 MiB

base::Result<std::string> ReadInput(const std::string& path, const std::string& what) {
  auto text = app::ReadSmallFile(path, kMaxInputFileSize);
  if (!text.ok()) return text.status().WithContext(what + " " + path);
  return text;
}

void SetupWitnessAdd(CLI::App& witness, Globals& g) {
  CLI::App* sub = witness.add_subcommand(
      "add", "Register a peer organisation's log key (the output of its `vka log key`)");
  auto name = std::make_shared<std::string>();
  auto vkey = std::make_shared<std::string>();
  sub->add_option("name", *name, "A local name for the peer (A-Z a-z 0-9 . _ -)")->required();
  sub->add_option("vkey", *vkey, "The peer's verifier key <name>+<key id>+<base64>")->required();
  sub->callback([&g, name, vkey] {
    g.action = [&g, name, vkey]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(bool added, app::AddWitnessPeer(*ws, *name, *vkey));
      return Print(added ? "added peer " + *name + "\n"
                         : "peer " + *name + " is already registered with this key\n");
    };
  });
}

void SetupWitnessList(CLI::App& witness, Globals& g) {
  CLI::App* sub = witness.add_subcommand(
      "list", "List the registered peers and the size of their logs last cosigned");
  sub->callback([&g] {
    g.action = [&g]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto peers, app::ListWitnessPeers(*ws));
      std::string out;
      for (const app::WitnessPeer& p : peers) {
        out += p.name + "\t" + p.vkey + "\t" +
               (p.cosigned_size ? "cosigned size " + std::to_string(*p.cosigned_size)
                                : std::string("never cosigned")) +
               "\n";
      }
      if (peers.empty())
        std::fprintf(stderr, "no peers: add one with `vka witness add NAME VKEY`\n");
      return Print(out);
    };
  });
}

void SetupWitnessCosign(CLI::App& witness, Globals& g) {
  CLI::App* sub = witness.add_subcommand(
      "cosign", "Check a peer's checkpoint against the last one cosigned and cosign it");
  struct Args {
    std::string checkpoint, proof, output;
    uint64_t old_size = 0;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("checkpoint", args->checkpoint, "The peer's signed checkpoint file")->required();
  CLI::Option* old_size =
      sub->add_option("--old-size", args->old_size, "The size this workspace cosigned last");
  sub->add_option("--proof", args->proof,
                  "The peer's `vka log consistency --old M` output, from that size");
  sub->add_option("-o,--output", args->output, "Write the cosigned checkpoint here, not stdout");
  sub->callback([&g, args, old_size] {
    g.action = [&g, args, old_size]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      app::CosignRequest request;
      VKA_ASSIGN_OR_RETURN(request.checkpoint, ReadInput(args->checkpoint, "checkpoint"));
      if (old_size->count() > 0) request.old_size = args->old_size;
      if (!args->proof.empty()) {
        VKA_ASSIGN_OR_RETURN(request.proof, ReadInput(args->proof, "proof"));
      }
      request.now = static_cast<uint64_t>(std::time(nullptr));
      VKA_ASSIGN_OR_RETURN(app::CosignResult result, app::CosignCheckpoint(*ws, request));
      if (!result.previous_size) {
        std::fprintf(stderr,
                     "first checkpoint of %s (peer %s) seen by this workspace: trusted on first "
                     "use at size %llu\n",
                     result.origin.c_str(), result.peer.c_str(),
                     static_cast<unsigned long long>(result.size));
      } else {
        std::fprintf(stderr, "cosigned %s (peer %s) at size %llu, consistent with size %llu\n",
                     result.origin.c_str(), result.peer.c_str(),
                     static_cast<unsigned long long>(result.size),
                     static_cast<unsigned long long>(*result.previous_size));
      }
      if (args->output.empty()) return Print(result.cosigned);
      VKA_RETURN_IF_ERROR(app::WriteFileAtomically(args->output, result.cosigned));
      std::fprintf(stderr, "wrote %s\n", args->output.c_str());
      return base::OkStatus();
    };
  });
}

}  // namespace

void SetupWitness(CLI::App& witness, Globals& g) {
  witness.require_subcommand(1);
  SetupWitnessAdd(witness, g);
  SetupWitnessList(witness, g);
  SetupWitnessCosign(witness, g);
}

void SetupLogCosignatures(CLI::App& log, Globals& g) {
  CLI::App* group =
      log.add_subcommand("cosignatures", "Cosignatures of this log's checkpoints by peers (add)");
  group->require_subcommand(1);
  CLI::App* add = group->add_subcommand(
      "add",
      "Store the peers' cosignatures of a checkpoint of this log (as `witness cosign` wrote it)");
  auto file = std::make_shared<std::string>();
  add->add_option("file", *file, "The cosigned checkpoint")->required();
  add->callback([&g, file] {
    g.action = [&g, file]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string note, ReadInput(*file, "checkpoint"));
      VKA_ASSIGN_OR_RETURN(app::CosignatureImport result, app::ImportCosignatures(*ws, note));
      for (const std::string& name : result.unknown) {
        std::fprintf(stderr, "ignored the signature of %s: not a registered peer\n", name.c_str());
      }
      std::string out;
      for (const std::string& line : result.accepted) out += "accepted " + line + "\n";
      out += "checkpoint of size " + std::to_string(result.size) + " now has " +
             std::to_string(result.stored) + " cosignature(s)\n";
      return Print(out);
    };
  });
}

base::Result<std::string> CosignedCheckpointText(app::Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(app::CosignedCheckpoint cp, app::LatestCosignedCheckpoint(ws));
  if (!cp.cosigned_size) {
    std::fprintf(stderr, "no cosigned checkpoint yet: this is the plain latest checkpoint\n");
  } else if (*cp.cosigned_size < cp.log_size) {
    std::fprintf(stderr,
                 "the latest cosigned checkpoint is of size %llu; the log now has %llu leaves\n",
                 static_cast<unsigned long long>(*cp.cosigned_size),
                 static_cast<unsigned long long>(cp.log_size));
  }
  return cp.note;
}

}  // namespace vka::cli
