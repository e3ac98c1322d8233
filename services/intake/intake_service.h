#pragma once

#include "intake.h"
#include "liandong/v1/intake.grpc.pb.h"

namespace liandong::intake {

// gRPC edge of Intake: statuses map one to one.
class IntakeServiceImpl final : public v1::IntakeService::Service {
 public:
  explicit IntakeServiceImpl(Intake& intake) : intake_(intake) {}

  grpc::Status SubmitCall(grpc::ServerContext*, const v1::SubmitCallRequest* req,
                          v1::Case* out) override;
  grpc::Status ConfirmTriage(grpc::ServerContext*, const v1::ConfirmTriageRequest* req,
                             v1::Case* out) override;
  grpc::Status GetCase(grpc::ServerContext*, const v1::GetCaseRequest* req, v1::Case* out) override;

 private:
  Intake& intake_;
};

}  // namespace liandong::intake
