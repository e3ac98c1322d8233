#include "rules/rule_table_validator.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace liandong::rules {
namespace {

// Ids are used in stream names and metrics labels: keep them to a safe alphabet.
bool IsSafeId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                    (c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

bool SpanIsSet(const v1::Span& span) {
  return (span.minutes() > 0) + (span.working_days() > 0) + (span.seconds() > 0) == 1;
}

class Validator {
 public:
  explicit Validator(const v1::RuleTable& t) : t_(t) {}

  std::vector<std::string> Run() {
    Header();
    Tiers();
    Sides();
    Dispositions();
    Agencies();
    Categories();
    PoliceClasses();
    Triggers(t_.risk_cues(), "risk_cues");
    Cues();
    NoEmptyPhrase(t_.benign_phrases(), "benign_phrases");
    if (t_.negation_window() < 0 || t_.negation_window() > 20) {
      Add("negation_window", "must be between 0 and 20 characters");
    }
    if (t_.joint().first_acceptor() == v1::SIDE_UNSPECIFIED) {
      Add("joint.first_acceptor", "must name SIDE_110 or SIDE_12345");
    }
    return std::move(problems_);
  }

 private:
  void Add(const std::string& field, const std::string& reason) {
    problems_.push_back(absl::StrCat(field, ": ", reason));
  }

  void Header() {
    if (t_.version().empty()) Add("version", "is required (every triage records it)");
    absl::Time unused;
    std::string err;
    if (!absl::ParseTime("%Y-%m-%d", t_.effective_date(), &unused, &err)) {
      Add("effective_date", absl::StrCat("'", t_.effective_date(), "' is not YYYY-MM-DD"));
    }
  }

  void Tiers() {
    for (int i = 0; i < t_.sla_tiers_size(); ++i) {
      const auto& tier = t_.sla_tiers(i);
      const std::string f = absl::StrCat("sla_tiers[", i, "]");
      if (!IsSafeId(tier.id())) Add(f + ".id", absl::StrCat("'", tier.id(), "' is not a valid id"));
      if (!tiers_.insert(tier.id()).second)
        Add(f + ".id", absl::StrCat("duplicate tier '", tier.id(), "'"));
      if (!SpanIsSet(tier.sign_for()))
        Add(f + ".sign_for", "needs exactly one of minutes, seconds or working_days > 0");
      if (!SpanIsSet(tier.resolve()))
        Add(f + ".resolve", "needs exactly one of minutes, seconds or working_days > 0");
      if (tier.has_extended_resolve() && !SpanIsSet(tier.extended_resolve())) {
        Add(f + ".extended_resolve", "needs exactly one of minutes, seconds or working_days > 0");
      }
    }
    if (t_.sla_tiers_size() == 0) Add("sla_tiers", "at least one tier is required");
  }

  void Sides() {
    absl::flat_hash_set<int> seen;
    for (int i = 0; i < t_.sides_size(); ++i) {
      const auto& side = t_.sides(i);
      const std::string f = absl::StrCat("sides[", i, "]");
      if (side.side() == v1::SIDE_UNSPECIFIED) Add(f + ".side", "must be SIDE_110 or SIDE_12345");
      if (!seen.insert(side.side()).second) Add(f + ".side", "listed twice");
      if (side.destination().empty()) Add(f + ".destination", "is required");
      CheckTier(f + ".sla_tier", side.sla_tier());
    }
    if (!seen.contains(v1::SIDE_110)) Add("sides", "SIDE_110 is missing");
    if (!seen.contains(v1::SIDE_12345)) Add("sides", "SIDE_12345 is missing");
  }

  void Dispositions() {
    absl::flat_hash_set<int> seen;
    for (int i = 0; i < t_.dispositions_size(); ++i) {
      const auto d = t_.dispositions(i).disposition();
      if (d == v1::DISPOSITION_UNSPECIFIED) {
        Add(absl::StrCat("dispositions[", i, "].disposition"), "is required");
      } else if (!seen.insert(d).second) {
        Add(absl::StrCat("dispositions[", i, "].disposition"),
            absl::StrCat(v1::Disposition_Name(d), " listed twice"));
      }
    }
    for (int d = v1::EMERGENCY_110; d <= v1::OUT_OF_SCOPE; ++d) {
      if (!seen.contains(d)) {
        Add("dispositions",
            absl::StrCat(v1::Disposition_Name(static_cast<v1::Disposition>(d)), " is missing"));
      }
    }
  }

  void Agencies() {
    for (int i = 0; i < t_.agencies_size(); ++i) {
      const auto& a = t_.agencies(i);
      const std::string f = absl::StrCat("agencies[", i, "]");
      if (!IsSafeId(a.id())) Add(f + ".id", absl::StrCat("'", a.id(), "' is not a valid id"));
      if (!agencies_.insert(a.id()).second)
        Add(f + ".id", absl::StrCat("duplicate agency '", a.id(), "'"));
      if (a.name().empty()) Add(f + ".name", "is required");
      if (a.side() == v1::SIDE_UNSPECIFIED) Add(f + ".side", "must be SIDE_110 or SIDE_12345");
    }
  }

  void Categories() {
    absl::flat_hash_set<std::string> categories;
    absl::flat_hash_set<std::string> items;
    absl::flat_hash_map<std::string, std::string> keyword_owner;
    for (int c = 0; c < t_.categories_size(); ++c) {
      const auto& cat = t_.categories(c);
      const std::string cf = absl::StrCat("categories[", c, "]");
      if (!IsSafeId(cat.id())) Add(cf + ".id", absl::StrCat("'", cat.id(), "' is not a valid id"));
      if (!categories.insert(cat.id()).second)
        Add(cf + ".id", absl::StrCat("duplicate category '", cat.id(), "'"));
      if (cat.items_size() == 0) Add(cf + ".items", "a category needs at least one item");
      for (int i = 0; i < cat.items_size(); ++i) {
        const auto& item = cat.items(i);
        const std::string f = absl::StrCat(cf, ".items[", i, "] (", item.id(), ")");
        if (!IsSafeId(item.id()))
          Add(f + ".id", absl::StrCat("'", item.id(), "' is not a valid id"));
        if (!items.insert(item.id()).second)
          Add(f + ".id", absl::StrCat("duplicate item '", item.id(), "'"));
        if (item.name().empty()) Add(f + ".name", "is required");
        CheckAgency(f + ".agency", item.agency());
        for (const auto& co : item.co_agencies()) CheckAgency(f + ".co_agencies", co);
        CheckTier(f + ".sla_tier", item.sla_tier());
        if (item.keywords_size() == 0)
          Add(f + ".keywords", "an item needs keywords to be recognised");
        for (const auto& kw : item.keywords()) {
          if (kw.empty()) {
            Add(f + ".keywords", "empty keyword");
            continue;
          }
          auto [it, inserted] = keyword_owner.emplace(kw, item.id());
          if (!inserted && it->second != item.id()) {
            Add(f + ".keywords",
                absl::StrCat("'", kw, "' is also a keyword of item '", it->second, "'"));
          }
        }
        Triggers(item.escalations(), f + ".escalations");
      }
    }
    if (t_.categories_size() == 0) Add("categories", "at least one category is required");
  }

  void PoliceClasses() {
    absl::flat_hash_set<std::string> seen;
    for (int i = 0; i < t_.police_classes_size(); ++i) {
      const auto& pc = t_.police_classes(i);
      const std::string f = absl::StrCat("police_classes[", i, "] (", pc.id(), ")");
      if (!IsSafeId(pc.id())) Add(f + ".id", absl::StrCat("'", pc.id(), "' is not a valid id"));
      if (!seen.insert(pc.id()).second)
        Add(f + ".id", absl::StrCat("duplicate class '", pc.id(), "'"));
      if (pc.keywords_size() == 0) Add(f + ".keywords", "a police class needs keywords");
      Triggers(pc.urgent(), f + ".urgent");
    }
  }

  void Triggers(const google::protobuf::RepeatedPtrField<v1::Trigger>& triggers,
                const std::string& field) {
    for (int i = 0; i < triggers.size(); ++i) {
      const auto& t = triggers[i];
      const std::string f = absl::StrCat(field, "[", i, "]");
      if (t.id().empty()) Add(f + ".id", "is required");
      if (t.phrases_size() == 0) Add(f + ".phrases", "a trigger needs at least one phrase");
      NoEmptyPhrase(t.phrases(), f + ".phrases");
      NoEmptyPhrase(t.requires_any(), f + ".requires_any");
      NoEmptyPhrase(t.unless_any(), f + ".unless_any");
      if (t.reason().empty()) Add(f + ".reason", "is required (the operator is shown why)");
    }
  }

  void NoEmptyPhrase(const google::protobuf::RepeatedPtrField<std::string>& phrases,
                     const std::string& field) {
    for (int i = 0; i < phrases.size(); ++i) {
      if (phrases[i].empty()) Add(absl::StrCat(field, "[", i, "]"), "empty phrase");
    }
  }

  void Cues() {
    for (int i = 0; i < t_.disposition_cues_size(); ++i) {
      const auto& cue = t_.disposition_cues(i);
      const std::string f = absl::StrCat("disposition_cues[", i, "]");
      if (cue.disposition() == v1::DISPOSITION_UNSPECIFIED) Add(f + ".disposition", "is required");
      if (cue.phrases_size() == 0) Add(f + ".phrases", "a cue needs at least one phrase");
    }
  }

  void CheckAgency(const std::string& field, const std::string& id) {
    if (!agencies_.contains(id)) Add(field, absl::StrCat("unknown agency '", id, "'"));
  }

  void CheckTier(const std::string& field, const std::string& id) {
    if (!tiers_.contains(id)) Add(field, absl::StrCat("unknown SLA tier '", id, "'"));
  }

  const v1::RuleTable& t_;
  absl::flat_hash_set<std::string> tiers_;
  absl::flat_hash_set<std::string> agencies_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> ValidateRuleTable(const v1::RuleTable& table) {
  return Validator(table).Run();
}

}  // namespace liandong::rules
