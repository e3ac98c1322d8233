#include "store/keys.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::store {

std::string Keys::Case(const std::string& case_id) const {
  return absl::StrCat(prefix_, "case:{", case_id, "}");
}
std::string Keys::Events() const { return absl::StrCat(prefix_, "events"); }
std::string Keys::WorkOrders(const std::string& destination) const {
  return absl::StrCat(prefix_, "wo:", destination);
}
std::string Keys::DeadLetters(const std::string& destination) const {
  return absl::StrCat(prefix_, "dlq:", destination);
}
std::string Keys::Idempotency(const std::string& scope, const std::string& request_id) const {
  return absl::StrCat(prefix_, "idem:", scope, ":", request_id);
}
std::string Keys::Outcomes(v1::Side side) const {
  return absl::StrCat(prefix_, "outcome:", SideLabel(side));
}
std::string Keys::SlaClocks() const { return absl::StrCat(prefix_, "sla"); }
std::string Keys::Deadlines() const { return absl::StrCat(prefix_, "due"); }
std::string Keys::OpenCases(const std::string& matter, const std::string& district,
                            const std::string& place) const {
  return absl::StrCat(prefix_, "open:", matter, ":", district, ":", place);
}
std::string Keys::CaseSequence(const std::string& yyyymmdd) const {
  return absl::StrCat(prefix_, "seq:case:", yyyymmdd);
}

}  // namespace liandong::store
