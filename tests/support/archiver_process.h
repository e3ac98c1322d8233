#pragma once

#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "liandong/v1/record.grpc.pb.h"
#include "temp_dir.h"

namespace liandong::testing {

// The real liandong-archiver binary against a Redis and a PostgreSQL, with a phone key of its
// own; restartable on the same gRPC port.
class ArchiverProcess {
 public:
  ArchiverProcess(std::string redis_address, std::string pg_conninfo,
                  std::vector<std::string> flags = {});
  ~ArchiverProcess();

  void Start();
  void Stop();
  void Kill9();
  ChildProcess& process() { return *process_; }
  const std::string& address() const { return address_; }
  v1::RecordService::Stub& record() { return *stub_; }
  int metrics_port() const { return metrics_port_; }

 private:
  TempDir dir_;
  std::string redis_address_, pg_conninfo_;
  std::vector<std::string> flags_;
  std::string address_ = "127.0.0.1:0";
  int metrics_port_ = 0;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<v1::RecordService::Stub> stub_;
};

}  // namespace liandong::testing
