#include "common/text_proto.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liandong {
namespace {

// Collects every parse error instead of stopping at the first.
class CollectingErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectingErrors(std::string source) : source_(std::move(source)) {}
  void AddError(int line, int column, const std::string& message) override {
    problems_.push_back(absl::StrCat(source_, ":", line + 1, ":", column + 1, ": ", message));
  }
  void AddWarning(int line, int column, const std::string& message) override {
    problems_.push_back(
        absl::StrCat(source_, ":", line + 1, ":", column + 1, ": warning: ", message));
  }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::string source_;
  std::vector<std::string> problems_;
};

}  // namespace

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::Status ParseTextProto(const std::string& text, const std::string& source_name,
                            google::protobuf::Message* out) {
  CollectingErrors errors(source_name);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, out)) {
    return absl::InvalidArgumentError(absl::StrJoin(errors.problems(), "\n  "));
  }
  return absl::OkStatus();
}

absl::Status LoadTextProto(const std::string& path, google::protobuf::Message* out) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseTextProto(*text, path, out);
}

}  // namespace liandong
