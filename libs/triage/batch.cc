#include "triage/batch.h"

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/utf8.h"
#include "triage/tsv.h"

namespace liandong::triage {
namespace {

// Rows classified together; each block is split among the threads, then written in order.
constexpr size_t kBlockRows = 8192;

struct Columns {
  int id = -1, side = -1, text = -1, title = -1, needed = 0;
};

// One row's output line, or why it was skipped.
void ClassifyRow(const Classifier& classifier, const Columns& c, const std::string& line,
                 long line_no, std::string* out, std::string* error) {
  const std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
  if (static_cast<int>(cols.size()) < c.needed) {
    *error = absl::StrCat("batch: line ", line_no, ": ", cols.size(), " columns, need ", c.needed,
                          "; skipped\n");
    return;
  }
  if (!IsValidUtf8(cols[c.text])) {
    *error = absl::StrCat("batch: line ", line_no, ": text is not valid UTF-8; skipped\n");
    return;
  }
  absl::string_view title = c.title >= 0 ? cols[c.title] : absl::string_view();
  if (title == "-" || !IsValidUtf8(title)) title = absl::string_view();
  auto side = ParseSide(cols[c.side]);
  const v1::Triage t = classifier.ClassifyPostRoute(side.ok() ? *side : v1::SIDE_UNSPECIFIED,
                                                    v1::CHANNEL_UNSPECIFIED, title, cols[c.text]);
  std::string item = "-";
  if ((t.disposition() == v1::TRANSFER_12345 || t.disposition() == v1::DIRECT_ANSWER) &&
      !t.item().empty()) {
    item = t.item();
  }
  if (t.disposition() == v1::EMERGENCY_110 && !t.handover_item().empty()) item = t.handover_item();
  absl::StrAppendFormat(out, "%s\t%s\t%s\t%.3f\n", cols[c.id], DispositionLabel(t.disposition()),
                        item, t.confidence());
}

}  // namespace

absl::Status RunBatch(const Classifier& classifier, std::istream& in, std::ostream& out,
                      std::ostream& errors, BatchStats* stats, int threads) {
  std::string line;
  if (!std::getline(in, line)) return absl::InvalidArgumentError("batch: the file is empty");
  StripLineEnd(line, /*first_line=*/true);
  const std::vector<absl::string_view> header = absl::StrSplit(line, '\t');
  Columns c;
  c.id = ColumnIndex(header, "id");
  c.side = ColumnIndex(header, "side");
  c.text = ColumnIndex(header, "text");
  c.title = ColumnIndex(header, "title");  // optional: online posts
  if (c.id < 0 || c.side < 0 || c.text < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("batch: header must name the columns id, side and text; got '", line, "'"));
  }
  c.needed = std::max({c.id, c.side, c.text, c.title}) + 1;
  threads = std::max(1, threads);

  long line_no = 1;
  std::vector<std::string> lines;
  std::vector<long> numbers;
  std::vector<std::string> results, problems;
  bool more = true;
  while (more) {
    lines.clear();
    numbers.clear();
    while (lines.size() < kBlockRows && (more = static_cast<bool>(std::getline(in, line)))) {
      ++line_no;
      StripLineEnd(line);
      if (line.empty()) continue;
      lines.push_back(std::move(line));
      numbers.push_back(line_no);
    }
    results.assign(lines.size(), std::string());
    problems.assign(lines.size(), std::string());
    auto work = [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        ClassifyRow(classifier, c, lines[i], numbers[i], &results[i], &problems[i]);
      }
    };
    const size_t share = (lines.size() + threads - 1) / threads;
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads && static_cast<size_t>(t) * share < lines.size(); ++t) {
      helpers.emplace_back(work, t * share, std::min(lines.size(), (t + 1) * share));
    }
    work(0, std::min(lines.size(), share));
    for (auto& h : helpers) h.join();
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!problems[i].empty()) {
        errors << problems[i];
        ++stats->skipped;
      } else {
        out << results[i];
        ++stats->rows;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace liandong::triage
