#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// Read-only lookups over a validated rule table. Immutable once built; share it freely.
class RuleIndex {
 public:
  explicit RuleIndex(v1::RuleTable table);

  const v1::RuleTable& table() const { return table_; }
  const std::string& version() const { return table_.version(); }

  const v1::Item* FindItem(const std::string& id) const;
  // Category id of an item ("" when unknown).
  std::string CategoryOf(const std::string& item_id) const;
  const v1::Agency* FindAgency(const std::string& id) const;
  const v1::SlaTier* FindTier(const std::string& id) const;
  const v1::SideDef* FindSide(v1::Side side) const;
  const v1::PoliceClass* FindPoliceClass(const std::string& id) const;

  // Stream destination of an agency for a district ("agency:<id>" unless overridden).
  std::string AgencyDestination(const v1::Agency& agency, const std::string& district) const;
  // Every destination a partner may subscribe to: the sides' desks and every agency route.
  std::vector<std::string> AllDestinations() const;
  // Side that consumes a destination (agencies: their side).
  v1::Side SideOfDestination(const std::string& destination) const;
  // Human name of a destination.
  std::string DestinationName(const std::string& destination) const;

 private:
  v1::RuleTable table_;
  absl::flat_hash_map<std::string, const v1::Item*> items_;
  absl::flat_hash_map<std::string, std::string> item_category_;
  absl::flat_hash_map<std::string, const v1::Agency*> agencies_;
  absl::flat_hash_map<std::string, const v1::SlaTier*> tiers_;
  absl::flat_hash_map<std::string, const v1::PoliceClass*> police_classes_;
};

}  // namespace liandong::rules
