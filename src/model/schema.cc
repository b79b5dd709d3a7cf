#include "model/schema.h"

#include <algorithm>
#include <array>
#include <map>

namespace vka::model {
namespace {

using K = Kind;
using T = FieldType;

FieldSpec Str(std::string_view name, bool required = false) {
  return {.name = name, .type = T::kString, .required = required};
}
FieldSpec Text(std::string_view name) { return {.name = name, .type = T::kText}; }
FieldSpec Date(std::string_view name) { return {.name = name, .type = T::kDate}; }
FieldSpec Code(std::string_view name, std::string_view vocab, bool required = false) {
  return {.name = name, .type = T::kCode, .required = required, .vocabulary = vocab};
}
FieldSpec Codes(std::string_view name, std::string_view vocab) {
  return {.name = name, .type = T::kCode, .repeated = true, .vocabulary = vocab};
}
FieldSpec Ref(std::string_view name, std::vector<Kind> kinds, bool required = false) {
  return {.name = name, .type = T::kRef, .required = required, .ref_kinds = std::move(kinds)};
}
FieldSpec Refs(std::string_view name, std::vector<Kind> kinds) {
  return {.name = name, .type = T::kRef, .repeated = true, .ref_kinds = std::move(kinds)};
}
FieldSpec Object(std::string_view name, std::vector<FieldSpec> members, bool repeated = false,
                 bool required = false) {
  return {.name = name, .type = T::kObject, .required = required, .repeated = repeated,
          .members = std::move(members)};
}
FieldSpec Sensitive(FieldSpec spec) {
  spec.sensitive = true;
  return spec;
}

// A name in one script and form: {"value": "Հովհաննիսյան", "script": "Armn",
// "part": "family"}.
FieldSpec Names(bool required) {
  return Object("names",
                {Str("value", true), Code("script", "script"), Code("part", "name_part"),
                 Str("language"), Str("period")},
                /*repeated=*/true, required);
}

std::vector<KindSchema> BuildSchemas() {
  std::vector<KindSchema> s;
  s.push_back({K::kSituation,
               {Str("name", true), Text("description"), Str("territory"),
                Refs("places", {K::kPlace}), Date("span")}});
  s.push_back({K::kSource,
               {Code("type", "source_type", true), Str("title", true), Str("language"),
                Date("date"), Str("origin"), Code("reliability", "reliability"),
                Ref("situation", {K::kSituation}),
                Sensitive(Ref("witness", {K::kPerson})),
                Ref("interviewer", {K::kPerson}), Ref("interpreter", {K::kPerson}),
                Ref("author", {K::kPerson, K::kOrganization}),
                Object("consent", {Codes("scopes", "consent_scope"), Date("date"),
                                   {.name = "withdrawn", .type = T::kBoolean},
                                   Date("withdrawn_date")}),
                {.name = "obtained_under_torture", .type = T::kBoolean},
                Text("transcript"),
                Object("translations", {Str("language", true), Text("text")}, true),
                {.name = "evidence", .type = T::kSha256, .repeated = true}}});
  s.push_back({K::kPerson,
               {Names(true), Code("sex", "sex"), Date("birth"), Date("death"),
                Code("status", "person_status"), Ref("residence_before", {K::kPlace}),
                Str("residence_before_address"), Str("occupation"),
                Sensitive(Str("national_identity")), Sensitive(Text("contacts")),
                Sensitive(Str("current_location")), Ref("situation", {K::kSituation})}});
  s.push_back({K::kOrganization,
               {Names(true), Code("type", "organization_type"),
                Ref("parent", {K::kOrganization}), Text("description")}});
  s.push_back({K::kPlace,
               {Names(true), Code("type", "place_type"), Ref("parent", {K::kPlace}),
                Object("coordinates", {{.name = "lat", .type = T::kNumber, .required = true},
                                       {.name = "lon", .type = T::kNumber, .required = true}})}});
  s.push_back({K::kEvent,
               {Str("title", true), Ref("situation", {K::kSituation}),
                Ref("parent", {K::kEvent}), Date("date"), Ref("place", {K::kPlace}),
                Text("description"),
                Object("relations", {Code("type", "event_relation", true),
                                     Ref("target", {K::kEvent}, true)},
                       true)}});
  s.push_back({K::kAct,
               {Code("type", "act_type", true), Ref("event", {K::kEvent}),
                Ref("victim", {K::kPerson, K::kOrganization}),
                {.name = "victim_count", .type = T::kInteger},
                Object("perpetrators", {Ref("perpetrator", {K::kPerson, K::kOrganization}, true),
                                        Code("involvement", "involvement")},
                       true),
                Date("date"), Ref("place", {K::kPlace}), Str("method"),
                Codes("consequences", "consequence"), Codes("grounds", "grounds"),
                Ref("property", {K::kProperty}), Text("description")}});
  s.push_back({K::kProperty,
               {Code("type", "property_type", true), Str("address"), Ref("place", {K::kPlace}),
                Str("registry_reference"), Text("description"),
                Refs("holders", {K::kPerson}),
                Object("tenure", {Code("type", "tenure_type", true),
                                  Codes("documents", "tenure_document")}),
                Code("fate", "property_fate"), Date("fate_date"), Str("current_occupant"),
                Object("value", {{.name = "amount", .type = T::kNumber, .required = true},
                                 Str("currency", true),
                                 {.name = "year", .type = T::kInteger},
                                 {.name = "low", .type = T::kNumber},
                                 {.name = "high", .type = T::kNumber},
                                 Code("method", "valuation_method")}),
                // Pinheiro Principles 15.8, 17 (docs/claims.md).
                Object("dispossession", {Date("date"), Code("mechanism", "dispossession_mechanism"),
                                         {.name = "under_duress", .type = T::kBoolean},
                                         Text("circumstances")}),
                Object("secondary_occupant", {Str("status"), Text("basis"),
                                              {.name = "good_faith", .type = T::kBoolean}})}});
  s.push_back({K::kDisplacement,
               {Refs("persons", {K::kPerson}), Str("household"),
                {.name = "household_size", .type = T::kInteger},
                Ref("from", {K::kPlace}), Ref("to", {K::kPlace}), Date("date"),
                Code("circumstances", "displacement_circumstance"), Str("route"),
                Str("current_status"), Ref("event", {K::kEvent})}});
  s.push_back({K::kStateConduct,
               {Ref("actor", {K::kOrganization, K::kPerson}, true),
                Code("conduct", "state_conduct_type", true), Date("date"),
                Ref("place", {K::kPlace}), Ref("event", {K::kEvent}), Text("description")}});
  s.push_back({K::kInformation,
               {Ref("source", {K::kSource}, true), Ref("record", {}, true), Str("field"),
                Str("locator"), Text("excerpt"), Code("credibility", "credibility"),
                Code("stance", "stance", true)}});
  s.push_back({K::kAnnotation,
               {Ref("target", {}, true), Str("element", true), Code("stance", "stance", true),
                Text("rationale"), Code("status", "annotation_status", true),
                Str("reviewer"), Str("rule"), Str("suggestion")}});
  // A reparation claim (docs/claims.md). Amounts, deadlines and the workflow
  // are checked further by claims/claim.h.
  s.push_back({K::kClaim,
               {Ref("claimant", {K::kPerson}),
                Object("household", {Str("name", true),
                                     Object("members", {Ref("person", {K::kPerson}, true),
                                                        Code("relationship", "relationship")},
                                            true)}),
                Refs("victims", {K::kPerson}),
                Object("beneficiaries", {Ref("person", {K::kPerson}, true),
                                         Code("relationship", "relationship"),
                                         Ref("victim", {K::kPerson})},
                       true),
                Refs("representatives", {K::kPerson, K::kOrganization}),
                Refs("harms", {K::kAct, K::kProperty, K::kDisplacement}),
                Codes("forms", "reparation_form"),
                Object("amounts", {Code("form", "reparation_form", true),
                                   {.name = "amount", .type = T::kNumber, .required = true},
                                   {.name = "low", .type = T::kNumber},
                                   {.name = "high", .type = T::kNumber},
                                   Str("currency", true),
                                   {.name = "year", .type = T::kInteger, .required = true},
                                   Code("method", "valuation_method"),
                                   Ref("property", {K::kProperty}), Str("note")},
                       true),
                Refs("evidence", {K::kSource, K::kInformation}),
                Date("filed"), Date("harm_date"), Ref("place", {K::kPlace}),
                Object("deadlines", {Str("what", true), {.name = "due", .type = T::kDate, .required = true}}, true),
                Code("status", "claim_status", true), Code("track", "claim_track"),
                // Mass claims (docs/formats/claims.md): the rule that set the
                // track, and the verification samples the claim was drawn into.
                Object("routing", {Str("rule", true), Str("rules_version"), Str("rules")}),
                Object("verifications",
                       {Str("sample", true), Str("population", true), Date("drawn"),
                        {.name = "seed", .type = T::kInteger}, {.name = "population_size", .type = T::kInteger},
                        {.name = "size", .type = T::kInteger}, {.name = "margin", .type = T::kNumber},
                        {.name = "confidence", .type = T::kNumber}, Code("result", "verification_result"),
                        Str("checker"), Date("checked"), Text("note")},
                       true),
                Object("decision",
                       {Date("date"), Text("reasons"), Refs("evidence", {K::kSource, K::kInformation}),
                        {.name = "legal_basis", .type = T::kString, .repeated = true},
                        Ref("precedent", {K::kClaim}),
                        Object("awards", {Code("form", "reparation_form", true),
                                          {.name = "amount", .type = T::kNumber, .required = true},
                                          Str("currency", true),
                                          {.name = "year", .type = T::kInteger, .required = true}},
                               true)}),
                Object("overlap_reviews", {Str("flag", true), Code("type", "claim_overlap", true),
                                           Code("decision", "overlap_decision", true),
                                           Refs("claims", {K::kClaim}), Str("reviewer"),
                                           Text("rationale")},
                       true),
                Text("description")}});
  // A reviewer's decision that two person records are (or are not) the same
  // person; record linkage obeys it. Records are never merged.
  s.push_back({K::kPersonLink,
               {Ref("person_a", {K::kPerson}, true), Ref("person_b", {K::kPerson}, true),
                Code("decision", "link_decision", true),
                {.name = "probability", .type = T::kNumber}, Text("rationale"),
                Str("reviewer")}});
  s.push_back({K::kCustodyEvent,
               {{.name = "evidence", .type = T::kSha256, .required = true},
                Code("action", "custody_action", true), Str("actor", true), Date("date"),
                Str("purpose"), Str("counterpart")}});
  return s;
}

const std::vector<KindSchema>& Schemas() {
  static const std::vector<KindSchema> schemas = BuildSchemas();
  return schemas;
}

const std::array<FieldSpec, 4>& Common() {
  static const std::array<FieldSpec, 4> common = {
      FieldSpec{.name = "id", .type = T::kString, .required = true},
      FieldSpec{.name = "kind", .type = T::kString, .required = true},
      Code("confidentiality", "confidentiality"),
      Text("remarks"),
  };
  return common;
}

void CollectVocabularies(const std::vector<FieldSpec>& fields,
                         std::vector<std::string_view>& out) {
  for (const auto& f : fields) {
    if (f.type == T::kCode) out.push_back(f.vocabulary);
    CollectVocabularies(f.members, out);
  }
}

}  // namespace

const KindSchema& SchemaOf(Kind kind) {
  for (const auto& s : Schemas()) {
    if (s.kind == kind) return s;
  }
  return Schemas().front();  // unreachable: every Kind has a schema (tested)
}

std::span<const FieldSpec> CommonFields() { return Common(); }

const FieldSpec* FindField(Kind kind, std::string_view name) {
  for (const auto& f : Common()) {
    if (f.name == name) return &f;
  }
  for (const auto& f : SchemaOf(kind).fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> ReferencedVocabularies() {
  std::vector<std::string_view> out;
  for (const auto& s : Schemas()) CollectVocabularies(s.fields, out);
  CollectVocabularies({Common().begin(), Common().end()}, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace vka::model
