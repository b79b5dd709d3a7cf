#pragma once

// The case matrix: for each element of each crime assessed, the supporting
// and contradicting evidence, the number of independent origins, the best
// grades, a status against the workspace's standard of proof, and the gaps.
// And state responsibility: per act, the attribution basis or the omission,
// the obligations breached and the consequences owed.
//
// An analytic aid for lawyers, never a finding that a crime was committed.
//
// Evidence of an element: the facts linked to it by suggestions (not
// rejected) and by annotations (not rejected), and for each fact the
// information records that cite it. Excluded, and listed as excluded:
// statements from sources flagged as obtained under torture (CAT art. 15),
// sources whose consent was withdrawn, and sources whose recorded consent does
// not cover legal use. Elements that refer to a shared contextual element
// (`ref`) are assessed once, as that element.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "legal/facts.h"
#include "legal/kb.h"
#include "legal/suggest.h"

namespace vka::legal {

inline constexpr const char* kCaveat =
    "This matrix is an analytic aid. It shows which legal elements the documented evidence "
    "touches and where the gaps are; it does not state that any crime was committed. Counts of "
    "independent origins and grades are compared with criteria chosen by the workspace, which "
    "are not a legal test.";

enum class ElementStatus { kNoEvidence, kOnlyContradicting, kBelowStandard, kMeetsCriteria };
std::string_view ElementStatusName(ElementStatus status);

// One piece of evidence: an information record (or a source linked directly).
// Indices into the FactSet assessed (which must outlive the matrix).
struct Evidence {
  int32_t information = -1;  // index into FactSet::information, or -1 for a source linked directly
  int32_t source = -1;       // index into FactSet::sources
  std::string_view fact;     // the record the information is about
  bool reviewed = false;     // reached through an accepted suggestion or annotation
};

enum class ExclusionReason { kObtainedUnderTorture, kConsentWithdrawn, kConsentScope };
std::string_view ExclusionReasonText(ExclusionReason reason);

struct Exclusion {
  int32_t source = -1;  // index into FactSet::sources
  int32_t information = -1;
  ExclusionReason reason;
};

struct ElementAssessment {
  std::string element;                // the assessed item (after ref)
  std::vector<std::string> stands_for;  // elements of crimes that refer to it
  std::vector<Evidence> supporting;
  std::vector<Evidence> contradicting;
  std::vector<Exclusion> excluded;
  std::vector<std::string> unsourced_facts;  // linked facts no source cites
  int links_accepted = 0;
  int links_suggested = 0;
  int links_rejected = 0;
  int independent_origins = 0;
  char best_reliability = 0;  // 0 when none graded
  int best_credibility = 0;
  ElementStatus status = ElementStatus::kNoEvidence;
  bool contested = false;
  std::vector<std::string> gaps;
  std::vector<std::string> cautions;
};

struct QualificationAssessment {
  std::string qualification;
  std::vector<std::string> elements;  // assessed element ids (after ref), in order
  int meeting = 0;                    // elements whose status is kMeetsCriteria
};

struct AssessOptions {
  std::vector<std::string> qualifications;  // empty: all
  std::string standard;                     // standard of proof id
  bool reviewed_only = false;               // count only accepted links
  // Overrides of the standard's criteria; 0 keeps the standard's own.
  int min_origins = 0;
  char max_reliability = 0;
  int max_credibility = 0;
};

struct CaseMatrix {
  std::string situation;
  Standard standard;
  std::vector<QualificationAssessment> qualifications;
  std::map<std::string, ElementAssessment> elements;  // by assessed element id
};

// kNotFound for an unknown qualification or standard. Pure.
base::Result<CaseMatrix> Assess(const KnowledgeBase& kb, const FactSet& facts,
                                const std::vector<Suggestion>& suggestions,
                                const AssessOptions& options);

// State responsibility for one act (or one omission without an act).
struct ActResponsibility {
  std::string act;                       // act id, or the state_conduct id of an omission
  std::vector<std::string> attribution;  // ARSIWA items and the facts behind each ("arsiwa.4: org_…")
  std::vector<std::string> omissions;    // state_conduct ids of failures linked to the act's event
  std::vector<std::string> breaches;     // treaty items suggested for the act and its omissions
  std::vector<std::string> sources;      // sources behind those facts (after exclusions)
};

struct StateResponsibility {
  std::string situation;
  std::vector<ActResponsibility> acts;     // acts with an attribution basis or an omission
  std::map<std::string, int> breaches;     // item id -> number of acts
  std::map<std::string, int> attribution;  // item id -> number of acts
  std::vector<std::string> consequences;   // owed items (rules.toml [state_responsibility])
  int omissions = 0;
};

StateResponsibility AssessStateResponsibility(const KnowledgeBase& kb, const FactSet& facts,
                                              const std::vector<Suggestion>& suggestions);

}  // namespace vka::legal
