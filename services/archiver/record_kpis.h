#pragma once

#include "absl/status/statusor.h"
#include "liandong/v1/feedback.pb.h"
#include "record/pg_client.h"

namespace liandong::archiver {

// GetKpis over the record: the window's events come from the `events` primary key (stream id
// order, the same window the feedback service reads from Redis) and go through the same
// calculator, so both give identical figures for any window the record holds.
absl::StatusOr<v1::KpiReport> KpisFromRecord(record::PgPool& pool, const v1::GetKpisRequest& req);

}  // namespace liandong::archiver
