#include "text_width.h"

#include "common/utf8.h"

namespace liandong::desk {
namespace {

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

int DisplayWidth(absl::string_view utf8) {
  int width = 0;
  for (char32_t c : DecodeUtf8(utf8)) width += IsWide(c) ? 2 : 1;
  return width;
}

std::string PadRight(absl::string_view text, int width) {
  std::string out(text);
  for (int w = DisplayWidth(text); w < width; ++w) out.push_back(' ');
  return out;
}

}  // namespace liandong::desk
