#include "triage/batch.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"

namespace liandong::triage {
namespace {

int ColumnIndex(const std::vector<absl::string_view>& header, absl::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void StripCarriageReturn(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

}  // namespace

absl::Status RunBatch(const Classifier& classifier, std::istream& in, std::ostream& out,
                      std::ostream& errors, BatchStats* stats) {
  std::string line;
  if (!std::getline(in, line)) return absl::InvalidArgumentError("batch: the file is empty");
  StripCarriageReturn(line);
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte-order mark
  const std::vector<absl::string_view> header = absl::StrSplit(line, '\t');
  const int id_col = ColumnIndex(header, "id");
  const int side_col = ColumnIndex(header, "side");
  const int text_col = ColumnIndex(header, "text");
  if (id_col < 0 || side_col < 0 || text_col < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("batch: header must name the columns id, side and text; got '", line, "'"));
  }
  const int needed = std::max({id_col, side_col, text_col}) + 1;
  long line_no = 1;
  std::string buffer;
  while (std::getline(in, line)) {
    ++line_no;
    StripCarriageReturn(line);
    if (line.empty()) continue;
    const std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    if (static_cast<int>(cols.size()) < needed) {
      errors << "batch: line " << line_no << ": " << cols.size() << " columns, need " << needed
             << "; skipped\n";
      ++stats->skipped;
      continue;
    }
    auto side = ParseSide(cols[side_col]);
    const v1::Triage t = classifier.Classify(side.ok() ? *side : v1::SIDE_UNSPECIFIED,
                                             v1::CHANNEL_UNSPECIFIED, cols[text_col]);
    std::string item = "-";
    if (t.disposition() == v1::TRANSFER_12345 && !t.item().empty()) item = t.item();
    if (t.disposition() == v1::EMERGENCY_110 && !t.handover_item().empty())
      item = t.handover_item();
    buffer.clear();
    absl::StrAppendFormat(&buffer, "%s\t%s\t%s\t%.3f\n", cols[id_col],
                          DispositionLabel(t.disposition()), item, t.confidence());
    out << buffer;
    ++stats->rows;
  }
  return absl::OkStatus();
}

}  // namespace liandong::triage
