#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "liandong/v1/record.pb.h"
#include "record/pg_client.h"
#include "record/phone_hash.h"

namespace liandong::record {

// A WHERE clause under construction with its numbered parameters.
struct Where {
  std::vector<std::string> terms;
  std::vector<PgParam> params;
  std::string Next(PgParam p) {
    params.push_back(std::move(p));
    return absl::StrCat("$", params.size());
  }
};

// "An order of the case is past its sign-for or resolve deadline", for `cases c`.
extern const char kOverdueTerm[];

// The filters and queue of a ListCasesRequest as SQL over `cases c` (parameters only, never
// spliced text). Bad input is INVALID_ARGUMENT naming the field.
absl::Status BuildCaseFilters(const v1::ListCasesRequest& req, const PhoneHasher& hasher, Where& w);
// page_token "<received ms>:<case id>": the last row of the previous page.
absl::Status AddPageCursor(const std::string& token, Where& w);

}  // namespace liandong::record
