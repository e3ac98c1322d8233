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

TEST_CASE("batch mode on several threads prints the same lines in the same order as on one") {
  liandong::testing::TempDir dir;
  const std::string tsv = dir.File("many.tsv");
  {
    std::ofstream out(tsv);
    out << "id\tside\ttext\n";
    const char* texts[] = {"小区停水两天了", "电梯里有人被困",     "路灯坏了一周",
                           "楼下有人拿刀",   "请问身份证怎么补办", "喂喂打错了"};
    for (int i = 0; i < 20000; ++i) out << "r" << i << "\t110\t" << texts[i % 6] << i % 7 << "\n";
  }
  int one_code = -1, many_code = -1;
  const std::string bin(LIANDONG_CLASSIFIER_BIN);
  const std::string one = RunCommand(bin + " --batch_threads 1 --batch " + tsv, &one_code);
  const std::string many = RunCommand(bin + " --batch_threads 3 --batch " + tsv, &many_code);
  CHECK(one_code == 0);
  CHECK(many_code == 0);
  std::vector<std::string> lines = absl::StrSplit(many, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 20000);
  CHECK(lines[12345].rfind("r12345\t", 0) == 0);
  CHECK(one == many);
}

TEST_CASE("batch mode skips a row whose text is not UTF-8, says which, and goes on") {
  liandong::testing::TempDir dir;
  const std::string tsv = dir.File("mixed.tsv");
  std::ofstream(tsv) << "id\tside\ttext\n"
                     << "a\t110\t路灯不亮\n"
                     << "b\t110\t\xff\xfe\xc0\n"
                     << "c\t110\t停水了\n";
  int code = -1;
  const std::string out = RunCommand(
      std::string(LIANDONG_CLASSIFIER_BIN) + " --batch " + tsv + " 2>" + dir.File("err"), &code);
  CHECK(code == 1);  // some rows skipped
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].rfind("a\t", 0) == 0);
  CHECK(lines[1].rfind("c\t", 0) == 0);
  std::ifstream err(dir.File("err"));
  std::stringstream text;
  text << err.rdbuf();
  CHECK(text.str().find("line 3: text is not valid UTF-8") != std::string::npos);
}
