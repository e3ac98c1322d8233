#include "rules/rule_index.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace liandong::rules {

RuleIndex::RuleIndex(v1::RuleTable table) : table_(std::move(table)) {
  for (const auto& cat : table_.categories()) {
    for (const auto& item : cat.items()) {
      items_[item.id()] = &item;
      item_category_[item.id()] = cat.id();
    }
  }
  for (const auto& a : table_.agencies()) agencies_[a.id()] = &a;
  for (const auto& t : table_.sla_tiers()) tiers_[t.id()] = &t;
  for (const auto& p : table_.police_classes()) police_classes_[p.id()] = &p;
}

const v1::Item* RuleIndex::FindItem(const std::string& id) const {
  auto it = items_.find(id);
  return it == items_.end() ? nullptr : it->second;
}

std::string RuleIndex::CategoryOf(const std::string& item_id) const {
  auto it = item_category_.find(item_id);
  return it == item_category_.end() ? "" : it->second;
}

const v1::Agency* RuleIndex::FindAgency(const std::string& id) const {
  auto it = agencies_.find(id);
  return it == agencies_.end() ? nullptr : it->second;
}

const v1::SlaTier* RuleIndex::FindTier(const std::string& id) const {
  auto it = tiers_.find(id);
  return it == tiers_.end() ? nullptr : it->second;
}

const v1::SideDef* RuleIndex::FindSide(v1::Side side) const {
  for (const auto& s : table_.sides()) {
    if (s.side() == side) return &s;
  }
  return nullptr;
}

const v1::PoliceClass* RuleIndex::FindPoliceClass(const std::string& id) const {
  auto it = police_classes_.find(id);
  return it == police_classes_.end() ? nullptr : it->second;
}

std::string RuleIndex::AgencyDestination(const v1::Agency& agency,
                                         const std::string& district) const {
  auto it = agency.district_destinations().find(district);
  if (!district.empty() && it != agency.district_destinations().end()) return it->second;
  if (!agency.destination().empty()) return agency.destination();
  return absl::StrCat("agency:", agency.id());
}

std::vector<std::string> RuleIndex::AllDestinations() const {
  std::vector<std::string> out;
  for (const auto& s : table_.sides()) out.push_back(s.destination());
  for (const auto& a : table_.agencies()) {
    out.push_back(AgencyDestination(a, ""));
    for (const auto& [district, dest] : a.district_destinations()) out.push_back(dest);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

v1::Side RuleIndex::SideOfDestination(const std::string& destination) const {
  for (const auto& s : table_.sides()) {
    if (s.destination() == destination) return s.side();
  }
  for (const auto& a : table_.agencies()) {
    if (AgencyDestination(a, "") == destination) return a.side();
    for (const auto& [district, dest] : a.district_destinations()) {
      if (dest == destination) return a.side();
    }
  }
  return v1::SIDE_UNSPECIFIED;
}

std::string RuleIndex::DestinationName(const std::string& destination) const {
  for (const auto& s : table_.sides()) {
    if (s.destination() == destination) return s.name();
  }
  for (const auto& a : table_.agencies()) {
    if (AgencyDestination(a, "") == destination) return a.name();
    for (const auto& [district, dest] : a.district_destinations()) {
      if (dest == destination) return absl::StrCat(a.name(), " (", district, ")");
    }
  }
  return destination;
}

}  // namespace liandong::rules
