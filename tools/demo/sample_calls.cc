#include "sample_calls.h"

#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/status_macros.h"

namespace liandong::demo {

absl::StatusOr<std::vector<SampleCall>> ReadSampleCalls(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("calls: cannot open '", path, "'"));
  std::string line;
  std::getline(in, line);
  std::map<std::string, size_t> col;
  std::vector<std::string> header = absl::StrSplit(line, '\t');
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* needed : {"id", "side", "channel", "text"}) {
    if (!col.count(needed))
      return absl::InvalidArgumentError(absl::StrCat("calls: no column ", needed));
  }
  std::vector<SampleCall> calls;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it != col.end() && it->second < f.size() && f[it->second] != "-" ? f[it->second] : "";
    };
    SampleCall call;
    call.id = get("id");
    LD_ASSIGN_OR_RETURN(v1::Side side, ParseSide(get("side")));
    LD_ASSIGN_OR_RETURN(v1::Channel channel, ParseChannel(get("channel")));
    auto& r = call.request;
    r.set_request_id(absl::StrCat("demo-", call.id));
    r.set_side(side);
    r.set_channel(channel);
    r.set_text(get("text"));
    r.set_operator_id(absl::StrCat("demo-op-", SideLabel(side)));
    r.mutable_caller()->set_phone(get("phone"));
    r.mutable_location()->set_address(get("address"));
    r.mutable_location()->set_district_code(get("district"));
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace liandong::demo
