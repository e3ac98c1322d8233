#pragma once

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace liandong::gateway {

// One unary call with serialized request and response bytes: the gateway forwards without
// knowing the types at compile time. `bearer` is the caller's token, sent as the
// authorization metadata the services check.
grpc::Status CallUnary(grpc::GenericStub& stub, const std::string& method,
                       const std::string& request, const std::string& bearer,
                       absl::Duration timeout, std::string* response);

// A server-streaming call read one message at a time with a bounded wait, so the reader can
// send keep-alives and notice a client that went away.
class ServerStreamCall {
 public:
  ServerStreamCall(grpc::GenericStub& stub, const std::string& method, const std::string& request,
                   const std::string& bearer);
  ~ServerStreamCall();
  ServerStreamCall(const ServerStreamCall&) = delete;
  ServerStreamCall& operator=(const ServerStreamCall&) = delete;

  enum class Event { kMessage, kFinished, kWaiting };
  // kMessage: `message` holds the next one. kFinished: `status()` is final. kWaiting: nothing
  // within `wait`; call again.
  Event Next(absl::Duration wait, std::string* message);
  const grpc::Status& status() const { return status_; }
  // Ends the call from any thread (client gone, gateway stopping).
  void Cancel() { ctx_.TryCancel(); }

 private:
  enum Step { kStart = 1, kWrite, kRead, kFinish };
  // Waits for the one operation in flight; false on timeout (it stays in flight).
  bool Await(absl::Duration wait, bool* ok);

  grpc::ClientContext ctx_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  grpc::ByteBuffer buffer_;
  grpc::Status status_;
  bool in_flight_ = false;
  Step step_ = kStart;
  bool finished_ = false;
};

}  // namespace liandong::gateway
