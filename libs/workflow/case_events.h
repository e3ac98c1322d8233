#pragma once

#include <string>

#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "store/case_store.h"

namespace liandong::workflow {

// Appends a state change to the case's timeline and to ld:events, in the same commit.
// `order` may be null for case-level events.
void RecordEvent(v1::Case& c, store::CaseMutation& m, const store::Keys& keys,
                 const std::string& type, const std::string& actor, const v1::WorkOrder* order,
                 const std::string& detail, absl::Time now, const store::Fields& extra = {});

// Tells the side that received the case what happened to it (ld:outcome:<side>).
void RecordOutcome(const v1::Case& c, store::CaseMutation& m, const store::Keys& keys,
                   const std::string& type, const std::string& actor, const v1::WorkOrder* order,
                   const std::string& detail, absl::Time now);

}  // namespace liandong::workflow
