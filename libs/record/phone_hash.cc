#include "record/phone_hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace liandong::record {

absl::StatusOr<PhoneHasher> PhoneHasher::FromFile(const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError(
        "--phone_key_file: required (a file with the HMAC key for caller phones, ≥16 bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("--phone_key_file: cannot read ", path));
  std::stringstream s;
  s << in.rdbuf();
  std::string key = s.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < 16) {
    return absl::InvalidArgumentError(absl::StrCat("--phone_key_file: ", path, " holds ",
                                                   key.size(),
                                                   " bytes; the key must have at least 16"));
  }
  return PhoneHasher(std::move(key));
}

std::string PhoneHasher::Hash(const std::string& phone) const {
  std::string digits;
  for (char c : phone) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (digits.empty()) return "";
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(digits.data()), digits.size(), out, &n);
  return std::string(reinterpret_cast<char*>(out), n);
}

}  // namespace liandong::record
