#pragma once

#include <istream>
#include <ostream>

#include "absl/status/status.h"
#include "triage/classifier.h"

namespace liandong::triage {

struct BatchStats {
  long rows = 0;
  long skipped = 0;  // rows without the required columns, reported on `errors`
};

// Reads a UTF-8 TSV whose header names at least `id`, `side` and `text`, optionally `title`
// (an online post's title; "-" or empty: none; other columns are ignored) and writes
// `id<TAB>disposition<TAB>item<TAB>confidence` per row. The item column is the handover item
// for EMERGENCY_110, the item for TRANSFER_12345 and DIRECT_ANSWER, otherwise "-". Rows are
// classified by `threads` threads in blocks and written in input order; a row with too few
// columns or a text that is not UTF-8 is skipped and reported on `errors` with its line.
absl::Status RunBatch(const Classifier& classifier, std::istream& in, std::ostream& out,
                      std::ostream& errors, BatchStats* stats, int threads = 1);

}  // namespace liandong::triage
