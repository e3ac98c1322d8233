#pragma once

#include <cstdint>

#include "absl/strings/string_view.h"

namespace liandong {

inline constexpr uint64_t kFnv1aOffset = 1469598103934665603ull;
inline constexpr uint64_t kFnv1aPrime = 1099511628211ull;

// FNV-1a over `bytes`, continuing from `h`: stable across processes and builds (absl::Hash is
// salted per process), so fit for versions, digests, splits and model feature hashes.
inline uint64_t Fnv1a(absl::string_view bytes, uint64_t h = kFnv1aOffset) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnv1aPrime;
  }
  return h;
}

}  // namespace liandong
