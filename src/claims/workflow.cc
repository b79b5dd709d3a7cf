#include "claims/workflow.h"

#include <algorithm>
#include <map>

namespace vka::claims {
namespace {

const std::map<std::string_view, std::vector<std::string_view>>& Transitions() {
  static const std::map<std::string_view, std::vector<std::string_view>> table = {
      {"draft", {"submitted", "withdrawn"}},
      {"submitted", {"under_verification", "withdrawn"}},
      {"under_verification", {"verified", "submitted", "withdrawn"}},
      {"verified", {"granted", "partly_granted", "rejected", "under_verification", "withdrawn"}},
      {"granted", {"enforced", "paid", "withdrawn"}},
      {"partly_granted", {"enforced", "paid", "withdrawn"}},
      {"rejected", {}},
      {"withdrawn", {}},
      {"enforced", {}},
      {"paid", {}},
  };
  return table;
}

std::string Join(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

}  // namespace

const std::vector<std::string_view>& ClaimStatuses() {
  static const std::vector<std::string_view> statuses = {
      "draft",    "submitted",      "under_verification", "verified", "granted",
      "partly_granted", "rejected", "enforced",           "paid",     "withdrawn"};
  return statuses;
}

bool IsFinalStatus(std::string_view status) {
  auto it = Transitions().find(status);
  return it != Transitions().end() && it->second.empty();
}

bool IsDecisionStatus(std::string_view status) {
  return status == "granted" || status == "partly_granted" || status == "rejected";
}

std::vector<std::string_view> NextStatuses(std::string_view from) {
  auto it = Transitions().find(from);
  return it == Transitions().end() ? std::vector<std::string_view>{} : it->second;
}

base::Status CheckTransition(std::string_view from, std::string_view to) {
  for (auto s : {from, to}) {
    if (!Transitions().contains(s)) {
      return base::InvalidArgumentError("unknown claim status \"" + std::string(s) +
                                        "\" (valid: " + Join(ClaimStatuses()) + ")");
    }
  }
  const auto& next = NextStatuses(from);
  if (std::find(next.begin(), next.end(), to) != next.end()) return base::OkStatus();
  std::string message = "cannot go from " + std::string(from) + " to " + std::string(to) + "; ";
  if (next.empty()) return base::FailedPreconditionError(message + std::string(from) + " is final");
  return base::FailedPreconditionError(message + "from " + std::string(from) +
                                       " a claim may go to: " + Join(next));
}

}  // namespace vka::claims
