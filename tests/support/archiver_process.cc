#include "archiver_process.h"

#include <fstream>
#include <stdexcept>

#include "free_port.h"
#include "server/client_channel.h"
#include "test_identity.h"

namespace liandong::testing {

int WaitForReportedPort(ChildProcess& proc, double seconds);  // suite.cc

ArchiverProcess::ArchiverProcess(std::string redis_address, std::string pg_conninfo,
                                 std::vector<std::string> flags)
    : redis_address_(std::move(redis_address)),
      pg_conninfo_(std::move(pg_conninfo)),
      flags_(std::move(flags)) {
  std::ofstream(dir_.File("phone.key")) << "test-phone-key-0123456789abcdef\n";
  Start();
}

ArchiverProcess::~ArchiverProcess() {
  if (process_) process_->Stop();
}

void ArchiverProcess::Start() {
  std::vector<std::string> args = {
      "--listen",         address_,     "--redis",          redis_address_,
      "--postgres",       pg_conninfo_, "--phone_key_file", dir_.File("phone.key"),
      "--metrics_listen", "127.0.0.1:0"};
  const auto security = TestPki::Get().ServiceFlags();
  args.insert(args.end(), security.begin(), security.end());
  args.insert(args.end(), flags_.begin(), flags_.end());
  process_ = std::make_unique<ChildProcess>(LIANDONG_ARCHIVER_BIN, args, dir_.File("archiver.log"));
  const int port = WaitForReportedPort(*process_, 30);
  if (port <= 0 || !WaitForPort(port, 5)) {
    throw std::runtime_error("archiver did not start: " + process_->Log());
  }
  address_ = LoopbackAddress(port);
  const std::string log = process_->Log();
  const size_t at = log.find("(metrics port ");
  if (at != std::string::npos) metrics_port_ = std::atoi(log.c_str() + at + 14);
  stub_ = v1::RecordService::NewStub(server::MakeChannel(address_, TestPki::Get().Client()));
}

void ArchiverProcess::Stop() { process_->Stop(); }

void ArchiverProcess::Kill9() { process_->Kill9(); }

}  // namespace liandong::testing
