#include "common/pii.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace liandong {

std::string MaskPhone(absl::string_view phone) {
  if (phone.size() >= 7) {
    return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
           std::string(phone.substr(phone.size() - 4));
  }
  if (phone.size() <= 2) return std::string(phone.size(), '*');
  return std::string(phone.size() - 2, '*') + std::string(phone.substr(phone.size() - 2));
}

std::string MaskName(absl::string_view name) {
  if (name.empty()) return "";
  // The first character (UTF-8: up to 4 bytes), then one * per remaining character.
  size_t first = 1;
  const unsigned char lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0)
    first = 4;
  else if (lead >= 0xE0)
    first = 3;
  else if (lead >= 0xC0)
    first = 2;
  first = std::min(first, name.size());
  size_t rest = 0;
  for (size_t i = first; i < name.size(); ++i) {
    rest += (static_cast<unsigned char>(name[i]) & 0xC0) != 0x80;
  }
  return std::string(name.substr(0, first)) + std::string(rest, '*');
}

std::string MaskNumbersInText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text[j])) ||
                               (j > i && j - i == 17 && (text[j] == 'X' || text[j] == 'x')))) {
      ++j;
    }
    if (j - i >= 11) {
      out += MaskPhone(text.substr(i, j - i));
      i = j;
    } else if (j > i) {
      out.append(text.data() + i, j - i);
      i = j;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

}  // namespace liandong
