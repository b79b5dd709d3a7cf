#include "synth/claims_registry.h"

#include <array>
#include <cstdio>

#include "model/kinds.h"
#include "synth/internal/names.h"
#include "synth/internal/random.h"

namespace vka::synth {
namespace {

using base::Json;
using internal::Rng;

constexpr int kDistricts = 12;
constexpr const char* kRemarks = "SYNTHETIC claims registry (fictional; not real data)";
constexpr int kMinBirthYear = 1920;
constexpr int kMaxBirthYear = 1975;
constexpr double kPropertyClaimShare = 0.65;
constexpr double kKillingClaimShare = 0.25;  // the rest: torture of the claimant
constexpr uint64_t kIdStream = 1;
constexpr std::array<const char*, 8> kStatuses = {"draft",   "submitted",      "under_verification", "verified",
                                                  "granted", "partly_granted", "rejected",           "paid"};
constexpr std::array<double, 8> kStatusShares = {0.10, 0.35, 0.25, 0.10, 0.08, 0.04, 0.03, 0.05};
constexpr std::array<const char*, 4> kHeirs = {"spouse", "child", "sibling", "parent"};

// A true person and the look of their names.
struct TruePerson {
  int64_t entity = 0;
  uint16_t given = 0, family = 0, father = 0;
  bool female = false;
  std::string birth;
};

struct PropertyRef {
  std::string id;
  int64_t entity = 0;
  int district = 0;
  int number = 0;
};

struct ActRef {
  std::string id;
  int64_t entity = 0;
  std::string victim_id;
  int64_t victim = 0;
};

// What a planted claim can reuse of an earlier one.
struct BaseClaim {
  TruePerson claimant;
  std::string claimant_record;
  bool armenian_script = true;
  std::vector<PropertyRef> properties;
  std::vector<ActRef> killings;
};

class Generator {
 public:
  Generator(const ClaimsRegistryOptions& o, const std::function<base::Status(const Json&)>& emit,
            const std::function<void(ClaimTruth)>& truth)
      : o_(o), emit_(emit), truth_(truth), rng_(o.seed), ids_(o.seed ^ kIdStream) {}

  base::Result<ClaimsRegistryCounts> Run();

 private:
  base::Status Emit(Json record) {
    record["remarks"] = kRemarks;
    ++counts_.records;
    return emit_(record);
  }
  TruePerson NewPerson();
  base::Result<std::string> PersonRecord(const TruePerson& p, bool armenian);
  base::Result<PropertyRef> NewProperty(int64_t entity, int district, int number, bool reformat);
  base::Result<ActRef> NewAct(const char* type, const std::string& victim_id, int64_t victim);
  Json Amounts(const std::vector<std::string>& forms);
  base::Status EmitClaim(Json claim, ClaimTruth truth);
  base::Status BaseClaimOnce();
  base::Status Planted(int kind);

  const ClaimsRegistryOptions& o_;
  const std::function<base::Status(const Json&)>& emit_;
  const std::function<void(ClaimTruth)>& truth_;
  Rng rng_;
  internal::IdFactory ids_;
  std::vector<std::string> places_;
  std::vector<BaseClaim> bases_;
  std::vector<size_t> with_property_, with_killing_;
  int64_t next_entity_ = 1;
  ClaimsRegistryCounts counts_;
};

TruePerson Generator::NewPerson() {
  TruePerson p;
  p.entity = next_entity_++;
  p.female = rng_.Chance(0.5);
  auto given = p.female ? internal::FemaleGivenNames() : internal::MaleGivenNames();
  p.given = static_cast<uint16_t>(rng_.Below(given.size()));
  p.family = static_cast<uint16_t>(rng_.Below(internal::FamilyNames().size()));
  p.father = static_cast<uint16_t>(rng_.Below(internal::MaleGivenNames().size()));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(rng_.Between(kMinBirthYear, kMaxBirthYear)),
                static_cast<int>(rng_.Between(1, 12)), static_cast<int>(rng_.Between(1, 28)));
  p.birth = buf;
  return p;
}

base::Result<std::string> Generator::PersonRecord(const TruePerson& p, bool armenian) {
  const auto& given = (p.female ? internal::FemaleGivenNames() : internal::MaleGivenNames())[p.given];
  const auto& family = internal::FamilyNames()[p.family];
  const auto& father = internal::MaleGivenNames()[p.father];
  std::string script = armenian ? "Armn" : "Cyrl";
  auto name = [&](std::string_view value, const char* part) {
    return Json{{"value", std::string(value)}, {"script", script}, {"part", part}};
  };
  std::string patronymic = armenian ? internal::ArmenianPatronymic(father) : internal::RussianPatronymic(father.ru, p.female);
  std::string id = ids_.Next(model::Kind::kPerson);
  Json record = {{"id", id},
                 {"kind", "person"},
                 {"names", Json::array({name(armenian ? given.hy : given.ru, "given"),
                                        name(armenian ? family.hy : family.ru, "family"),
                                        name(patronymic, "patronymic")})},
                 {"sex", p.female ? "female" : "male"},
                 {"birth", p.birth}};
  ++counts_.persons;
  VKA_RETURN_IF_ERROR(Emit(std::move(record)));
  return id;
}

base::Result<PropertyRef> Generator::NewProperty(int64_t entity, int district, int number, bool reformat) {
  PropertyRef p{ids_.Next(model::Kind::kProperty), entity, district, number};
  char reg[40];
  std::snprintf(reg, sizeof reg, reformat ? "syn %02d %06d" : "SYN-%02d-%06d", district, number);
  char address[64];
  std::snprintf(address, sizeof address, "Synthetic street %d, house %d", number / 200 + 1, number % 200 + 1);
  Json record = {{"id", p.id},
                 {"kind", "property"},
                 {"type", "dwelling"},
                 {"address", address},
                 {"place", places_[district]},
                 {"registry_reference", reg},
                 {"tenure", {{"type", rng_.Chance(0.6) ? "ownership" : "occupancy_right"},
                             {"documents", Json::array({rng_.Chance(0.7) ? "title_deed" : "residence_registration"})}}},
                 {"fate", rng_.Chance(0.5) ? "occupied" : "sold_under_duress"},
                 {"dispossession", {{"date", "1990-01"}, {"mechanism", "abandonment_under_threat"}, {"under_duress", true}}}};
  ++counts_.properties;
  VKA_RETURN_IF_ERROR(Emit(std::move(record)));
  return p;
}

base::Result<ActRef> Generator::NewAct(const char* type, const std::string& victim_id, int64_t victim) {
  ActRef a{ids_.Next(model::Kind::kAct), next_entity_++, victim_id, victim};
  char date[16];
  std::snprintf(date, sizeof date, "1990-01-%02d", static_cast<int>(rng_.Between(12, 20)));
  ++counts_.acts;
  VKA_RETURN_IF_ERROR(Emit({{"id", a.id}, {"kind", "act"}, {"type", type}, {"victim", victim_id}, {"date", date}}));
  return a;
}

Json Generator::Amounts(const std::vector<std::string>& forms) {
  Json amounts = Json::array();
  for (const auto& form : forms) {
    if (form == "compensation_material") {
      int64_t amount = rng_.Between(5, 60) * 1000;
      amounts.push_back({{"form", form}, {"amount", amount}, {"low", amount * 8 / 10}, {"high", amount * 12 / 10},
                         {"currency", "SUR"}, {"year", 1990}, {"method", "claimant_estimate"}});
    } else if (form == "compensation_moral") {
      amounts.push_back({{"form", form}, {"amount", rng_.Between(10, 50) * 1000}, {"currency", "USD"}, {"year", 2023},
                         {"method", "standard_schedule"}});
    } else if (form == "rehabilitation_medical") {
      amounts.push_back({{"form", form}, {"amount", rng_.Between(5, 40) * 100000}, {"currency", "AMD"}, {"year", 2023}});
    }
  }
  return amounts;
}

base::Status Generator::EmitClaim(Json claim, ClaimTruth truth) {
  std::string id = ids_.Next(model::Kind::kClaim);
  claim["id"] = id;
  claim["kind"] = "claim";
  std::string status = kStatuses[rng_.Weighted(kStatusShares)];
  claim["status"] = status;
  char filed[16];
  std::snprintf(filed, sizeof filed, "2024-%02d-%02d", static_cast<int>(rng_.Between(1, 12)),
                static_cast<int>(rng_.Between(1, 28)));
  claim["filed"] = filed;
  claim["harm_date"] = "1990-01";
  claim["place"] = places_[rng_.Below(places_.size())];
  if (status == "granted" || status == "partly_granted" || status == "rejected" || status == "paid") {
    claim["decision"] = {{"date", "2025-06-30"},
                         {"reasons", "SYNTHETIC decision on the documents"},
                         {"legal_basis", Json::array({"bpg.20"})}};
    if (status != "rejected" && !claim["amounts"].empty()) {
      Json a = claim["amounts"][0];
      claim["decision"]["awards"] =
          Json::array({{{"form", a["form"]}, {"amount", a["amount"].get<int64_t>() / 2}, {"currency", a["currency"]},
                        {"year", a["year"]}}});
    }
  }
  if (claim["amounts"].empty()) claim.erase("amounts");
  ++counts_.claims;
  VKA_RETURN_IF_ERROR(Emit(std::move(claim)));
  truth.claim = id;
  if (truth_) truth_(std::move(truth));
  return base::OkStatus();
}

base::Status Generator::BaseClaimOnce() {
  BaseClaim b;
  b.claimant = NewPerson();
  b.armenian_script = rng_.Chance(0.6);
  VKA_ASSIGN_OR_RETURN(b.claimant_record, PersonRecord(b.claimant, b.armenian_script));
  ClaimTruth truth{"", b.claimant.entity, {}, {}, {}, ""};
  Json claim = {{"claimant", b.claimant_record}};
  double kind = rng_.Unit();
  std::vector<std::string> forms;
  if (kind < kPropertyClaimShare) {
    int district = static_cast<int>(rng_.Below(kDistricts));
    VKA_ASSIGN_OR_RETURN(PropertyRef p, NewProperty(next_entity_++, district, static_cast<int>(counts_.properties), false));
    claim["harms"] = Json::array({p.id});
    forms = {"restitution", "compensation_material"};
    truth.properties.push_back(p.entity);
    b.properties.push_back(p);
  } else if (kind < kPropertyClaimShare + kKillingClaimShare) {
    TruePerson victim = NewPerson();
    VKA_ASSIGN_OR_RETURN(std::string victim_id, PersonRecord(victim, b.armenian_script));
    VKA_ASSIGN_OR_RETURN(ActRef act, NewAct("killing", victim_id, victim.entity));
    claim["harms"] = Json::array({act.id});
    claim["victims"] = Json::array({victim_id});
    claim["beneficiaries"] = Json::array({{{"person", b.claimant_record}, {"relationship", kHeirs[rng_.Below(kHeirs.size())]}, {"victim", victim_id}}});
    forms = {"compensation_moral", "satisfaction_truth"};
    truth.victims.push_back(victim.entity);
    truth.acts.push_back(act.entity);
    b.killings.push_back(act);
  } else {
    VKA_ASSIGN_OR_RETURN(ActRef act, NewAct("torture", b.claimant_record, b.claimant.entity));
    claim["harms"] = Json::array({act.id});
    forms = {"compensation_moral", "rehabilitation_medical", "rehabilitation_psychological"};
    truth.victims.push_back(b.claimant.entity);
    truth.acts.push_back(act.entity);
  }
  claim["forms"] = forms;
  claim["amounts"] = Amounts(forms);
  if (!b.properties.empty()) with_property_.push_back(bases_.size());
  if (!b.killings.empty()) with_killing_.push_back(bases_.size());
  bases_.push_back(std::move(b));
  return EmitClaim(std::move(claim), std::move(truth));
}

base::Status Generator::Planted(int kind) {
  const std::vector<size_t>* pool = kind == 2 ? &with_property_ : kind == 3 ? &with_killing_ : nullptr;
  if (pool != nullptr && pool->empty()) return BaseClaimOnce();
  size_t base_idx = pool ? (*pool)[rng_.Below(pool->size())] : rng_.Below(bases_.size());
  const BaseClaim b = bases_[base_idx];
  ClaimTruth truth{"", 0, {}, {}, {}, ""};
  Json claim;
  std::vector<std::string> forms;
  if (kind == 0 || kind == 1) {  // the same true claimant, often under another record
    truth.claimant = b.claimant.entity;
    bool reuse_record = kind == 1 && rng_.Chance(0.5);
    std::string record = b.claimant_record;
    if (!reuse_record) {
      VKA_ASSIGN_OR_RETURN(record, PersonRecord(b.claimant, !b.armenian_script));
    }
    claim["claimant"] = record;
    if (kind == 0) {
      truth.planted = "same_claimant";
      ++counts_.planted_same_claimant;
      VKA_ASSIGN_OR_RETURN(PropertyRef p, NewProperty(next_entity_++, 0, static_cast<int>(counts_.properties), false));
      claim["harms"] = Json::array({p.id});
      truth.properties.push_back(p.entity);
      forms = {"restitution", "compensation_material"};
    } else {
      truth.planted = "double_harm";
      ++counts_.planted_double_harm;
      if (!b.properties.empty()) {
        claim["harms"] = Json::array({b.properties[0].id});
        truth.properties.push_back(b.properties[0].entity);
        forms = {"compensation_material"};
      } else {
        // The act the base claim rests on (killing of a victim or torture).
        return BaseClaimOnce();
      }
    }
  } else {
    TruePerson other = NewPerson();
    truth.claimant = other.entity;
    VKA_ASSIGN_OR_RETURN(std::string record, PersonRecord(other, rng_.Chance(0.6)));
    claim["claimant"] = record;
    if (kind == 2) {
      truth.planted = "shared_property";
      ++counts_.planted_shared_property;
      PropertyRef p = b.properties[0];
      if (rng_.Chance(0.5)) {
        VKA_ASSIGN_OR_RETURN(p, NewProperty(p.entity, p.district, p.number, true));
      }
      claim["harms"] = Json::array({p.id});
      truth.properties.push_back(p.entity);
      forms = {"restitution", "compensation_material"};
    } else {
      truth.planted = "shared_victim";
      ++counts_.planted_shared_victim;
      const ActRef& act = b.killings[0];
      if (rng_.Chance(0.5)) claim["harms"] = Json::array({act.id}), truth.acts.push_back(act.entity);
      claim["victims"] = Json::array({act.victim_id});
      claim["beneficiaries"] = Json::array({{{"person", record}, {"relationship", kHeirs[rng_.Below(kHeirs.size())]}, {"victim", act.victim_id}}});
      truth.victims.push_back(act.victim);
      forms = {"compensation_moral"};
    }
  }
  claim["forms"] = forms;
  claim["amounts"] = Amounts(forms);
  return EmitClaim(std::move(claim), std::move(truth));
}

base::Result<ClaimsRegistryCounts> Generator::Run() {
  for (int d = 0; d < kDistricts; ++d) {
    std::string id = ids_.Next(model::Kind::kPlace);
    VKA_RETURN_IF_ERROR(Emit({{"id", id}, {"kind", "place"}, {"type", "district"},
                              {"names", Json::array({{{"value", "Synthetic district " + std::to_string(d + 1)}, {"script", "Latn"}}})}}));
    places_.push_back(id);
  }
  while (counts_.claims < o_.claims) {
    double u = rng_.Unit();
    int kind = static_cast<int>(u / o_.planted_share);
    if (kind < 4 && !bases_.empty()) {
      VKA_RETURN_IF_ERROR(Planted(kind));
    } else {
      VKA_RETURN_IF_ERROR(BaseClaimOnce());
    }
  }
  return counts_;
}

constexpr size_t kDemoPropertyClaims = 80;
constexpr size_t kDemoKillingClaims = 60;
constexpr size_t kDemoPlantedEach = 5;

// Builds the demo's claims (DemoClaims).
class DemoClaimMaker {
 public:
  DemoClaimMaker(const std::vector<Json>& demo, uint64_t seed) : rng_(seed), ids_(seed ^ 0x5eed) {
    for (const auto& r : demo) {
      std::string kind = r.value("kind", "");
      if (kind == "person") persons_.push_back(r["id"]);
      if (kind == "property" && r.contains("holders")) properties_.push_back(&r);
      if (kind == "act" && r.value("type", "") == "killing" && r.contains("victim")) killings_.push_back(&r);
    }
  }

  std::vector<Json> Make() {
    if (persons_.size() < 2) return {};
    for (size_t idx = 0; idx < properties_.size() && idx < kDemoPropertyClaims; ++idx) {
      const Json& p = *properties_[idx];
      PropertyClaim(p, p["holders"][0]);
      if (idx < kDemoPlantedEach) PropertyClaim(p, p["holders"][0]);             // double_harm
      if (idx >= kDemoPlantedEach && idx < 2 * kDemoPlantedEach) PropertyClaim(p, Other(p["holders"][0]));  // shared_property
    }
    for (size_t idx = 0; idx < killings_.size() && idx < kDemoKillingClaims; ++idx) {
      const Json& act = *killings_[idx];
      std::string claimant = Other(act["victim"]);
      KillingClaim(act, claimant);
      if (idx < kDemoPlantedEach) KillingClaim(act, Other(act["victim"]));      // shared_victim
      if (idx >= kDemoPlantedEach && idx < 2 * kDemoPlantedEach && !properties_.empty()) {
        PropertyClaim(*properties_[properties_.size() - 1 - idx], claimant);    // same_claimant
      }
    }
    return std::move(claims_);
  }

 private:
  std::string Other(const std::string& not_this) {
    std::string id;
    do id = persons_[rng_.Below(persons_.size())]; while (id == not_this);
    return id;
  }
  void Finish(Json claim) {
    claim["id"] = ids_.Next(model::Kind::kClaim);
    claim["kind"] = "claim";
    claim["remarks"] = "SYNTHETIC DEMO DATA: a fictional claim";
    claim["filed"] = "2024-03-01";
    claim["harm_date"] = "1990-01";
    claim["status"] = kStatuses[rng_.Weighted(kStatusShares)];
    std::string status = claim["status"];
    if (status == "granted" || status == "partly_granted" || status == "rejected" || status == "paid") {
      claim["decision"] = {{"date", "2025-06-30"}, {"reasons", "SYNTHETIC decision"},
                           {"legal_basis", Json::array({status == "rejected" ? "bpg.8" : "pinheiro.2"})}};
      if (status != "rejected") {
        Json a = claim["amounts"][0];
        a.erase("low");
        a.erase("high");
        a.erase("method");
        a.erase("property");
        a["amount"] = a["amount"].get<int64_t>() / 2;
        claim["decision"]["awards"] = Json::array({a});
      }
    }
    claims_.push_back(std::move(claim));
  }
  void PropertyClaim(const Json& p, const std::string& claimant) {
    int64_t amount = rng_.Between(5, 60) * 1000;
    Finish({{"claimant", claimant}, {"harms", Json::array({p["id"]})},
            {"forms", Json::array({"restitution", "compensation_material"})},
            {"amounts", Json::array({{{"form", "compensation_material"}, {"amount", amount}, {"low", amount * 8 / 10},
                                      {"high", amount * 12 / 10}, {"currency", "SUR"}, {"year", 1990},
                                      {"property", p["id"]}}})}});
  }
  void KillingClaim(const Json& act, const std::string& claimant) {
    Finish({{"claimant", claimant}, {"harms", Json::array({act["id"]})}, {"victims", Json::array({act["victim"]})},
            {"beneficiaries", Json::array({{{"person", claimant}, {"relationship", kHeirs[rng_.Below(kHeirs.size())]},
                                            {"victim", act["victim"]}}})},
            {"forms", Json::array({"compensation_moral", "satisfaction_truth"})},
            {"amounts", Json::array({{{"form", "compensation_moral"}, {"amount", rng_.Between(10, 50) * 1000},
                                      {"currency", "USD"}, {"year", 2023}}})}});
  }

  Rng rng_;
  internal::IdFactory ids_;
  std::vector<std::string> persons_;
  std::vector<const Json*> properties_, killings_;
  std::vector<Json> claims_;
};

}  // namespace

base::Result<std::vector<base::Json>> DemoClaims(const std::vector<base::Json>& demo, uint64_t seed) {
  DemoClaimMaker maker(demo, seed);
  return maker.Make();
}

base::Result<ClaimsRegistryCounts> GenerateClaimsRegistry(const ClaimsRegistryOptions& options,
                                                          const std::function<base::Status(const Json&)>& emit,
                                                          const std::function<void(ClaimTruth)>& truth) {
  if (options.claims < 0 || options.planted_share < 0 || options.planted_share * 4 > 1) {
    return base::InvalidArgumentError("claims must be >= 0 and planted_share in [0, 0.25]");
  }
  Generator g(options, emit, truth);
  return g.Run();
}

}  // namespace vka::synth
