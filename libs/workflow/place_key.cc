#include "workflow/place_key.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace liandong::workflow {
namespace {

using Text = std::u32string;

bool IsDigit(char32_t ch) { return ch >= U'0' && ch <= U'9'; }

int ChineseDigit(char32_t ch) {
  static constexpr std::array<char32_t, 10> kDigits = {U'零', U'一', U'二', U'三', U'四',
                                                       U'五', U'六', U'七', U'八', U'九'};
  for (size_t i = 0; i < kDigits.size(); ++i) {
    if (kDigits[i] == ch) return static_cast<int>(i);
  }
  if (ch == U'〇') return 0;
  if (ch == U'两') return 2;
  return -1;
}

bool IsChineseNumeral(char32_t ch) { return ChineseDigit(ch) >= 0 || ch == U'十' || ch == U'百'; }

// "一百零八" → 108, "十二" → 12, "二十" → 20; -1 when it is not a plain number.
int ChineseNumber(const Text& run) {
  int total = 0, current = -1;
  for (char32_t ch : run) {
    if (ch == U'百' || ch == U'十') {
      const int unit = ch == U'百' ? 100 : 10;
      total += (current < 0 ? 1 : current) * unit;
      current = -1;
    } else {
      const int d = ChineseDigit(ch);
      if (d < 0) return -1;
      current = d == 0 ? current : d;  // 零 only holds a place
    }
  }
  return total + (current < 0 ? 0 : current);
}

bool StartsWithAt(const Text& s, size_t at, const Text& word) {
  return s.compare(at, word.size(), word) == 0;
}

// Numbering words after which a Chinese numeral is a house or building number.
bool NumberFollows(const Text& s, size_t at) {
  for (const Text w : {U"号", U"栋", U"幢", U"座", U"单元", U"楼"}) {
    if (StartsWithAt(s, at, w)) return true;
  }
  return false;
}

// Full-width to ASCII, punctuation and spaces out, Chinese house numbers to digits.
Text Normalise(const std::string& address) {
  Text plain;
  for (char32_t ch : DecodeUtf8(address)) {
    if (ch >= U'！' && ch <= U'～') ch = ch - U'！' + U'!';  // full-width ASCII block
    if (ch == U' ' || ch == U'\u3000' || ch == U'\t') continue;
    if (ch < 0x80 && !IsDigit(ch) && !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) continue;
    if (ch == U'，' || ch == U'。' || ch == U'、' || ch == U'（' || ch == U'）' || ch == U'—' ||
        ch == U'·') {
      continue;
    }
    if (ch >= 'A' && ch <= 'Z') ch = ch - 'A' + 'a';
    plain.push_back(ch);
  }
  Text out;
  for (size_t i = 0; i < plain.size();) {
    size_t j = i;
    while (j < plain.size() && IsChineseNumeral(plain[j])) ++j;
    if (j > i && NumberFollows(plain, j)) {
      const int n = ChineseNumber(plain.substr(i, j - i));
      if (n >= 0) {
        for (char ch : std::to_string(n)) out.push_back(static_cast<char32_t>(ch));
        i = j;
        continue;
      }
    }
    if (j > i) {
      out.append(plain, i, j - i);
      i = j;
    } else {
      out.push_back(plain[i++]);
    }
  }
  return out;
}

// "阳光小区", "软件园区", "景区": named places that end in 区 but are not districts.
bool IsPlaceNamedArea(const Text& s, size_t end) {
  if (end < 2 || s[end - 1] != U'区') return false;
  for (const char32_t before : {U'小', U'园', U'景', U'校', U'厂', U'营', U'片', U'矿', U'街'}) {
    if (s[end - 2] == before) return true;
  }
  return false;
}

// Drops leading administrative divisions: 江苏省 南京市 鼓楼区 湖南路街道 …
Text StripDivisions(Text s) {
  static const std::vector<Text> kSuffixes = {U"自治区", U"自治州", U"街道", U"省", U"市",
                                              U"区",     U"县",     U"镇",   U"乡", U"旗"};
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (size_t end = 2; end <= std::min<size_t>(s.size(), 8) && !stripped; ++end) {
      for (const Text& suffix : kSuffixes) {
        if (end < suffix.size() + 1 || end >= s.size()) continue;
        if (s.compare(end - suffix.size(), suffix.size(), suffix) == 0 &&
            !IsPlaceNamedArea(s, end)) {
          s = s.substr(end);
          stripped = true;
          break;
        }
      }
    }
  }
  return s;
}

size_t ReadDigits(const Text& s, size_t at, std::string* digits) {
  size_t i = at;
  while (i < s.size() && IsDigit(s[i])) digits->push_back(static_cast<char>(s[i++]));
  return i;
}

const std::vector<Text>& RoadSuffixes() {
  static const auto* kRoads =
      new std::vector<Text>{U"大道", U"大街", U"公路", U"胡同", U"路", U"街", U"巷", U"弄"};
  return *kRoads;
}

// Road names in order of appearance, each with where it ends.
std::vector<std::pair<Text, size_t>> Roads(const Text& s) {
  std::vector<std::pair<Text, size_t>> roads;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    for (const Text& suffix : RoadSuffixes()) {
      if (!StartsWithAt(s, i, suffix)) continue;
      // "路口" is a crossing, not a road called "…路"; a road name has at least one character.
      if (suffix == U"路" && i + 1 < s.size() && s[i + 1] == U'口' && i == start) break;
      if (i > start && !IsDigit(s[i - 1])) {
        roads.push_back({s.substr(start, i + suffix.size() - start), i + suffix.size()});
      }
      start = i + suffix.size();
      i = start - 1;
      break;
    }
    if (s[i] == U'与' || s[i] == U'和' || s[i] == U'交') start = i + 1;
  }
  return roads;
}

std::string Utf8(const Text& t) { return EncodeUtf8(t); }

}  // namespace

std::optional<std::string> PlaceKey(const std::string& address) {
  const Text s = StripDivisions(Normalise(address));
  if (s.empty()) return std::nullopt;

  const auto roads = Roads(s);
  for (const auto& [road, end] : roads) {
    std::string number;
    const size_t after = ReadDigits(s, end, &number);
    if (!number.empty() && StartsWithAt(s, after, U"号") && !StartsWithAt(s, after, U"号楼")) {
      return absl::StrCat("R:", Utf8(road), "#", number);
    }
  }
  static const std::vector<Text> kComplexes = {U"小区", U"花园", U"大厦", U"公寓", U"广场",
                                               U"新村", U"家园", U"商场", U"大楼", U"市场",
                                               U"医院", U"中学", U"小学", U"学校", U"苑"};
  for (size_t i = 2; i < s.size() + 1; ++i) {
    for (const Text& suffix : kComplexes) {
      if (i < suffix.size() + 2 || s.compare(i - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      // The name runs back to the end of a road, if one comes first.
      size_t begin = 0;
      for (const auto& [road, end] : roads) {
        if (end <= i - suffix.size()) begin = end;
      }
      while (begin < i && IsDigit(s[begin])) ++begin;
      if (StartsWithAt(s, begin, U"号")) ++begin;
      const Text name = s.substr(begin, i - begin);
      if (name.size() < suffix.size() + 2) continue;
      std::string building;
      const size_t after = ReadDigits(s, i, &building);
      const bool is_building =
          !building.empty() && (StartsWithAt(s, after, U"栋") || StartsWithAt(s, after, U"幢") ||
                                StartsWithAt(s, after, U"号楼") || StartsWithAt(s, after, U"座"));
      return absl::StrCat("C:", Utf8(name), is_building ? absl::StrCat("#", building) : "");
    }
  }
  const bool crossing = s.find(U"路口") != Text::npos || s.find(U"交叉") != Text::npos ||
                        s.find(U"交汇") != Text::npos || s.find(U"十字") != Text::npos;
  if (crossing && roads.size() >= 2) {
    std::vector<std::string> two = {Utf8(roads[0].first), Utf8(roads[1].first)};
    std::sort(two.begin(), two.end());
    if (two[0] != two[1]) return absl::StrCat("X:", two[0], "|", two[1]);
  }
  return std::nullopt;
}

std::optional<std::string> OpenMatterKey(const store::Keys& keys, const v1::Case& c) {
  const v1::Triage& t = c.confirmed();
  std::string matter;
  if (t.disposition() == v1::TRANSFER_12345 && !t.item().empty()) {
    matter = t.item();
  } else if (t.disposition() == v1::EMERGENCY_110) {
    matter = absl::StrCat("110:", t.handover_item());
  } else {
    return std::nullopt;
  }
  const auto place = PlaceKey(c.location().address());
  if (!place) return std::nullopt;
  return keys.OpenCases(matter, c.location().district_code(), *place);
}

}  // namespace liandong::workflow
