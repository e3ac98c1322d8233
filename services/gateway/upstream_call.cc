#include "upstream_call.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace liandong::gateway {
namespace {

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices)
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

void* Tag(int step) { return reinterpret_cast<void*>(static_cast<intptr_t>(step)); }

}  // namespace

grpc::Status CallUnary(grpc::GenericStub& stub, const std::string& method,
                       const std::string& request, const std::string& bearer,
                       absl::Duration timeout, std::string* response) {
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", bearer));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareUnaryCall(&ctx, method, ToBuffer(request), &cq);
  call->StartCall();
  grpc::ByteBuffer reply;
  grpc::Status status;
  call->Finish(&reply, &status, Tag(1));
  void* tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);  // the deadline bounds this wait
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  if (status.ok()) *response = FromBuffer(reply);
  return status;
}

ServerStreamCall::ServerStreamCall(grpc::GenericStub& stub, const std::string& method,
                                   const std::string& request, const std::string& bearer) {
  ctx_.AddMetadata("authorization", absl::StrCat("Bearer ", bearer));
  call_ = stub.PrepareCall(&ctx_, method, &cq_);
  call_->StartCall(Tag(kStart));
  in_flight_ = true;
  buffer_ = ToBuffer(request);
}

bool ServerStreamCall::Await(absl::Duration wait, bool* ok) {
  void* tag = nullptr;
  const auto deadline = absl::ToChronoTime(absl::Now() + wait);
  switch (cq_.AsyncNext(&tag, ok, deadline)) {
    case grpc::CompletionQueue::GOT_EVENT:
      in_flight_ = false;
      return true;
    case grpc::CompletionQueue::TIMEOUT:
      return false;
    case grpc::CompletionQueue::SHUTDOWN:
      break;
  }
  in_flight_ = false;
  *ok = false;
  return true;
}

ServerStreamCall::Event ServerStreamCall::Next(absl::Duration wait, std::string* message) {
  const absl::Time until = absl::Now() + wait;
  while (!finished_) {
    bool ok = false;
    if (in_flight_ && !Await(until - absl::Now(), &ok)) return Event::kWaiting;
    switch (step_) {
      case kStart:
        if (!ok) break;  // the call could not start: Finish says why
        step_ = kWrite;
        call_->WriteLast(buffer_, grpc::WriteOptions(), Tag(kWrite));
        in_flight_ = true;
        continue;
      case kWrite:
      case kRead:
        if (!ok) break;  // no more messages
        if (step_ == kRead) {
          *message = FromBuffer(buffer_);
          call_->Read(&buffer_, Tag(kRead));
          in_flight_ = true;
          return Event::kMessage;
        }
        step_ = kRead;
        call_->Read(&buffer_, Tag(kRead));
        in_flight_ = true;
        continue;
      case kFinish:
        finished_ = true;
        return Event::kFinished;
    }
    step_ = kFinish;
    call_->Finish(&status_, Tag(kFinish));
    in_flight_ = true;
  }
  return Event::kFinished;
}

ServerStreamCall::~ServerStreamCall() {
  if (!finished_) {
    ctx_.TryCancel();
    std::string ignored;
    while (Next(absl::Seconds(5), &ignored) != Event::kFinished) {
    }
  }
  cq_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq_.Next(&tag, &ok)) {
  }
}

}  // namespace liandong::gateway
