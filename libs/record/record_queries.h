#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/record.pb.h"
#include "record/pg_client.h"
#include "record/phone_hash.h"

namespace liandong::record {

// Lists and searches over the record. Every filter of the request narrows the list; the order
// is received_at, then case id, both descending, so pages never skip or repeat a case.
// Bad input is INVALID_ARGUMENT naming the field.
class RecordQueries {
 public:
  RecordQueries(PgPool& pool, const PhoneHasher& hasher) : pool_(pool), hasher_(hasher) {}

  absl::StatusOr<v1::ListCasesResponse> ListCases(const v1::ListCasesRequest& req,
                                                  int max_page_size = 500);
  absl::StatusOr<v1::CaseRecord> GetCaseRecord(const std::string& case_id);

 private:
  PgPool& pool_;
  const PhoneHasher& hasher_;
};

}  // namespace liandong::record
