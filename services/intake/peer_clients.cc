#include "peer_clients.h"

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "server/client_channel.h"

namespace liandong::intake {

GrpcTriageSource::GrpcTriageSource(const std::string& address,
                                   const server::ClientSecurity& security, absl::Duration timeout)
    : stub_(v1::ClassificationService::NewStub(server::MakeChannel(address, security))),
      timeout_(timeout) {}

absl::StatusOr<v1::Triage> GrpcTriageSource::Classify(v1::Side side, v1::Channel channel,
                                                      const std::string& text) {
  grpc::ClientContext ctx;
  server::SetDeadline(ctx, timeout_);
  v1::ClassifyRequest req;
  req.set_side(side);
  req.set_channel(channel);
  req.set_text(text);
  v1::Triage out;
  grpc::Status s = stub_->Classify(&ctx, req, &out);
  if (!s.ok()) return FromGrpcStatus(s);
  return out;
}

}  // namespace liandong::intake
