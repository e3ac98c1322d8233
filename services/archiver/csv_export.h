#pragma once

#include <string>

#include "liandong/v1/feedback.pb.h"
#include "liandong/v1/record.pb.h"

namespace liandong::archiver {

// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
std::string CsvField(const std::string& value);
// Header row, then one row per case.
void AppendCaseCsv(const v1::ListCasesResponse& page, bool header, std::string* out);
// Header row, the total ("all"), then one row per group.
std::string KpiCsv(const v1::KpiReport& report);

}  // namespace liandong::archiver
