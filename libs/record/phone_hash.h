#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace liandong::record {

// Caller phones are looked up through HMAC-SHA256 under a secret key, so the record's index
// (and a copy of the database) never holds a searchable plaintext number. Only the digits
// count: "138-0000 0001" and "13800000001" hash alike.
class PhoneHasher {
 public:
  explicit PhoneHasher(std::string key) : key_(std::move(key)) {}
  // Reads the key from a file (trailing newline ignored); it must hold at least 16 bytes.
  static absl::StatusOr<PhoneHasher> FromFile(const std::string& path);

  // 32 raw bytes; "" when the phone has no digits.
  std::string Hash(const std::string& phone) const;

 private:
  std::string key_;
};

}  // namespace liandong::record
