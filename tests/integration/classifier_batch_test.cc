// The batch contract: `liandong-classifier --batch FILE.tsv` prints id, disposition, item,
// confidence.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "run_command.h"
#include "temp_dir.h"

using liandong::testing::RunCommand;

TEST_CASE("batch mode prints one contract line per row, columns found by header name") {
  liandong::testing::TempDir dir;
  const std::string tsv = dir.File("calls.tsv");
  {
    std::ofstream out(tsv);
    // Extra and reordered columns must not matter.
    out << "text\tchannel\tside\tid\textra\n"
        << "小区停水两天了，水龙头没水\tphone\t110\tb1\tx\n"
        << "电梯里有人被困出不来\tphone\t12345\tb2\tx\n"
        << "喂喂打错了\tphone\t110\tb3\tx\n";
  }
  int code = -1;
  const std::string out =
      RunCommand(std::string(LIANDONG_CLASSIFIER_BIN) + " --batch " + tsv, &code);
  CHECK(code == 0);
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 3);
  std::vector<std::string> first = absl::StrSplit(lines[0], '\t');
  REQUIRE(first.size() == 4);
  CHECK(first[0] == "b1");
  CHECK(first[1] == "TRANSFER_12345");
  CHECK(first[2] == "water_outage");
  CHECK(std::stod(first[3]) > 0.0);
  std::vector<std::string> second = absl::StrSplit(lines[1], '\t');
  CHECK(second[1] == "EMERGENCY_110");
  CHECK(second[2] == "elevator_fault");
  std::vector<std::string> third = absl::StrSplit(lines[2], '\t');
  CHECK(third[2] == "-");
}

TEST_CASE("batch mode refuses a file without the required columns") {
  liandong::testing::TempDir dir;
  const std::string tsv = dir.File("bad.tsv");
  std::ofstream(tsv) << "id\twords\n1\t停水\n";
  int code = -1;
  RunCommand(std::string(LIANDONG_CLASSIFIER_BIN) + " --batch " + tsv + " 2>/dev/null", &code);
  CHECK(code == 2);
}
