#include "triage/label_space.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/enums.h"

namespace liandong::triage {
namespace {

constexpr absl::string_view kPrefix = "__label__";

}  // namespace

std::string LabelFor(v1::Disposition disposition, absl::string_view item) {
  if (disposition == v1::TRANSFER_12345) {
    return absl::StrCat(kPrefix, DispositionLabel(disposition), "/", item);
  }
  return absl::StrCat(kPrefix, DispositionLabel(disposition));
}

std::optional<RouteLabel> ParseLabel(absl::string_view label) {
  if (!absl::ConsumePrefix(&label, kPrefix)) return std::nullopt;
  RouteLabel route;
  const size_t slash = label.find('/');
  auto disposition = ParseDisposition(label.substr(0, slash));
  if (!disposition.ok()) return std::nullopt;
  route.disposition = *disposition;
  if (slash != absl::string_view::npos) route.item = std::string(label.substr(slash + 1));
  if ((route.disposition == v1::TRANSFER_12345) == route.item.empty()) return std::nullopt;
  return route;
}

}  // namespace liandong::triage
