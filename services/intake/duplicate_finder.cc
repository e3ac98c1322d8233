#include "duplicate_finder.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "common/utf8.h"

namespace liandong::intake {
namespace {

bool Near(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  return absl::StrContains(a, b) || absl::StrContains(b, a);
}

}  // namespace

std::string NormalizeAddress(const std::string& address) {
  std::u32string out;
  for (char32_t ch : DecodeUtf8(address)) {
    const bool skip = ch == U' ' || ch == U'\u3000' || ch == U',' || ch == U'，' || ch == U'.' ||
                      ch == U'。' || ch == U'-' || ch == U'—' || ch == U'(' || ch == U')' ||
                      ch == U'（' || ch == U'）';
    if (!skip) out.push_back(ch);
  }
  return EncodeUtf8(out);
}

absl::StatusOr<std::optional<v1::Case>> FindOpenDuplicate(store::CaseStore& store,
                                                          const v1::Case& c,
                                                          const std::string& item,
                                                          absl::Duration window) {
  const std::string address = NormalizeAddress(c.location().address());
  if (address.empty() || item.empty()) return std::optional<v1::Case>();
  const absl::Time received = FromProto(c.received_at());
  LD_ASSIGN_OR_RETURN(
      auto candidates,
      store.redis().Command({"ZRANGEBYSCORE",
                             store.keys().OpenCases(item, c.location().district_code()),
                             absl::StrCat(absl::ToUnixMillis(received - window)), "+inf"}));
  for (const auto& id : candidates.elements) {
    if (id.str == c.case_id()) continue;
    auto other = store.Get(id.str);
    if (!other.ok()) continue;  // gone: the index is only a hint
    const bool open = other->status() != v1::CASE_CLOSED && other->status() != v1::CASE_TRIAGED;
    if (open && other->confirmed().item() == item &&
        other->location().district_code() == c.location().district_code() &&
        Near(NormalizeAddress(other->location().address()), address)) {
      return std::optional<v1::Case>(*std::move(other));
    }
  }
  return std::optional<v1::Case>();
}

}  // namespace liandong::intake
