#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "liandong/v1/common.pb.h"
#include "record/pg_client.h"
#include "record/phone_hash.h"
#include "store/streams.h"

namespace liandong::record {

// One batch of ld:events entries and the latest snapshot of each case they touch (absent when
// the case's key is already gone from Redis).
struct ArchiveBatch {
  std::string stream;  // the key the entries came from, for archive_progress
  std::vector<store::StreamEntry> events;
  std::map<std::string, v1::Case> cases;
};

// Writes a batch in one transaction: events insert-if-absent by stream id (so a batch written
// twice after a crash adds nothing), cases replaced only by a newer version, their orders with
// them. Returns how many events were new.
absl::StatusOr<int64_t> WriteBatch(PgConnection& conn, const PhoneHasher& hasher,
                                   const ArchiveBatch& batch);

// Strings headed for a UTF-8 database: NULs dropped, a malformed sequence replaced, so one bad
// entry can never stop the archive.
std::string CleanText(const std::string& s);

}  // namespace liandong::record
