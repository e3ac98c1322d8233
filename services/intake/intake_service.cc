#include "intake_service.h"

#include "common/grpc_status.h"

namespace liandong::intake {
grpc::Status IntakeServiceImpl::SubmitCall(grpc::ServerContext*, const v1::SubmitCallRequest* req,
                                           v1::Case* out) {
  grpc::Status status = Reply(intake_.SubmitCall(*req), out);
  if (status.ok() && metrics_ != nullptr) metrics_->CallReceived(*out);
  return status;
}

grpc::Status IntakeServiceImpl::ConfirmTriage(grpc::ServerContext*,
                                              const v1::ConfirmTriageRequest* req, v1::Case* out) {
  grpc::Status status = Reply(intake_.ConfirmTriage(*req), out);
  if (status.ok() && metrics_ != nullptr) metrics_->Confirmed(*out);
  return status;
}

grpc::Status IntakeServiceImpl::GetCase(grpc::ServerContext*, const v1::GetCaseRequest* req,
                                        v1::Case* out) {
  return Reply(intake_.GetCase(req->case_id()), out);
}

}  // namespace liandong::intake
