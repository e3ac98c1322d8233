#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liandong/v1/intake.pb.h"

namespace liandong::demo {

// One row of deploy/samples/calls.tsv as the SubmitCall it becomes.
struct SampleCall {
  std::string id;
  v1::SubmitCallRequest request;
};

// Reads a TSV with header `id side channel text` and optional `phone address district`.
absl::StatusOr<std::vector<SampleCall>> ReadSampleCalls(const std::string& path);

}  // namespace liandong::demo
