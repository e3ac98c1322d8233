#include "triage/labelled_calls.h"

#include <algorithm>
#include <fstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/utf8.h"
#include "triage/tsv.h"

namespace liandong::triage {
namespace {

// The item column as a field: "-" and "" both mean none.
std::string ItemOf(absl::string_view column) {
  return column == "-" ? std::string() : std::string(column);
}

}  // namespace

absl::StatusOr<std::vector<LabelledCall>> ReadLabelledCalls(const std::string& path,
                                                            const rules::RuleIndex& rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("labelled calls: cannot open '", path, "'"));
  std::string line;
  if (!std::getline(in, line)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": empty file"));
  }
  StripLineEnd(line, /*first_line=*/true);
  const std::vector<std::string> header = absl::StrSplit(line, '\t');
  const int id_col = ColumnIndex(header, "id");
  const int side_col = ColumnIndex(header, "side");
  const int channel_col = ColumnIndex(header, "channel");
  const int text_col = ColumnIndex(header, "text");
  const int disp_col = ColumnIndex(header, "disposition");
  const int item_col = ColumnIndex(header, "item");
  const int title_col = ColumnIndex(header, "title");
  const int category_col = ColumnIndex(header, "category");
  if (id_col < 0 || side_col < 0 || text_col < 0 || disp_col < 0 || item_col < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ":1: header must name id, side, text, disposition and item; got '", line, "'"));
  }
  const size_t needed = std::max({id_col, side_col, channel_col, text_col, disp_col, item_col,
                                  title_col, category_col}) +
                        1;

  std::vector<LabelledCall> calls;
  std::vector<std::string> problems;
  absl::flat_hash_set<std::string> ids;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    StripLineEnd(line);
    if (line.empty()) continue;
    const std::string where = absl::StrCat(path, ":", line_no);
    const std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() < needed) {
      problems.push_back(absl::StrCat(where, ": ", cols.size(), " columns, need ", needed));
      continue;
    }
    LabelledCall call;
    call.id = cols[id_col];
    call.text = cols[text_col];
    call.item = ItemOf(cols[item_col]);
    if (title_col >= 0) call.title = ItemOf(cols[title_col]);
    const std::string given_category = category_col >= 0 ? ItemOf(cols[category_col]) : "";
    call.source = where;
    std::vector<std::string> row_problems;
    if (call.id.empty()) row_problems.push_back("empty id");
    if (!ids.insert(call.id).second)
      row_problems.push_back(absl::StrCat("id ", call.id, " repeated"));
    if (!IsValidUtf8(call.text)) {
      row_problems.push_back("text is not valid UTF-8");
    } else if (call.text.empty()) {
      row_problems.push_back("empty text");
    }
    auto side = ParseSide(cols[side_col]);
    if (side.ok()) {
      call.side = *side;
    } else {
      row_problems.push_back(absl::StrCat("side '", cols[side_col], "' is not 110 or 12345"));
    }
    if (channel_col >= 0) {
      auto channel = ParseChannel(cols[channel_col]);
      if (channel.ok()) call.channel = *channel;
    }
    auto disposition = ParseDisposition(cols[disp_col]);
    if (!disposition.ok() || *disposition == v1::DISPOSITION_UNSPECIFIED) {
      row_problems.push_back(absl::StrCat("unknown disposition '", cols[disp_col], "'"));
    } else {
      call.disposition = *disposition;
      const bool known = !call.item.empty() && rules.FindItem(call.item) != nullptr;
      const bool known_category =
          std::any_of(rules.table().categories().begin(), rules.table().categories().end(),
                      [&](const v1::Category& c) { return c.id() == given_category; });
      const bool to_12345 =
          call.disposition == v1::TRANSFER_12345 || call.disposition == v1::DIRECT_ANSWER;
      if (to_12345) {
        call.category = known ? rules.CategoryOf(call.item) : given_category;
      }
      if (!given_category.empty() && !known_category) {
        row_problems.push_back(
            absl::StrCat("category '", given_category, "' is not a category of the rule table"));
      } else if (call.disposition == v1::TRANSFER_12345 && call.item.empty() &&
                 given_category.empty()) {
        row_problems.push_back(
            "TRANSFER_12345 needs an item of the rule table, or item '-' and a category");
      } else if (to_12345 && !call.item.empty() && !known) {
        row_problems.push_back(absl::StrCat("item '", call.item, "' is not in the rule table"));
      } else if (call.disposition == v1::EMERGENCY_110 && !call.item.empty() && !known) {
        row_problems.push_back(absl::StrCat("handover item '", call.item, "' is not in the table"));
      } else if (!to_12345 && call.disposition != v1::EMERGENCY_110 && !call.item.empty()) {
        row_problems.push_back(
            absl::StrCat(cols[disp_col], " takes no item, got '", call.item, "'"));
      }
    }
    for (const auto& p : row_problems) problems.push_back(absl::StrCat(where, ": ", p));
    if (row_problems.empty()) calls.push_back(std::move(call));
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(problems.size(), " problems:\n  ", absl::StrJoin(problems, "\n  ")));
  }
  if (calls.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": no rows"));
  return calls;
}

}  // namespace liandong::triage
