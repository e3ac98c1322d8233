#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liandong/v1/common.pb.h"
#include "rules/rule_index.h"

namespace liandong::triage {

// One row of a labelled TSV (the format of the development set and the training corpus).
struct LabelledCall {
  std::string id;
  v1::Side side = v1::SIDE_UNSPECIFIED;
  v1::Channel channel = v1::CHANNEL_UNSPECIFIED;
  std::string text;
  v1::Disposition disposition = v1::DISPOSITION_UNSPECIFIED;
  // TRANSFER_12345: the item, or "" for a topic outside the table's items (then `category`
  // says which category is closest); DIRECT_ANSWER: the item asked about, or "";
  // EMERGENCY_110: the handover item or "".
  std::string item;
  std::string category;  // TRANSFER_12345 / DIRECT_ANSWER: the item's (or the given) category
  std::string title;     // an online post's title, or ""
  std::string source;    // "file:line", for messages
};

// Reads a UTF-8 TSV whose header names id, side, text, disposition and item (channel, title
// and category optional). Every row is checked against `rules` (known disposition; an item of
// the table where one is required, may be given (DIRECT_ANSWER, EMERGENCY_110's handover) or
// is replaced by a category (TRANSFER_12345 outside the items: item "-" and a category of the
// table); none elsewhere; valid UTF-8, unique ids); all problems are listed as
// "file:line: reason" in one INVALID_ARGUMENT.
absl::StatusOr<std::vector<LabelledCall>> ReadLabelledCalls(const std::string& path,
                                                            const rules::RuleIndex& rules);

}  // namespace liandong::triage
