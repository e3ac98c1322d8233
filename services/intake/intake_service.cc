#include "intake_service.h"

#include "common/grpc_status.h"
#include "server/case_scope.h"

namespace liandong::intake {
grpc::Status IntakeServiceImpl::SubmitCall(grpc::ServerContext* ctx,
                                           const v1::SubmitCallRequest* req, v1::Case* out) {
  v1::SubmitCallRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "IntakeService.SubmitCall", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  grpc::Status status = Reply(intake_.SubmitCall(r), out);
  if (status.ok() && metrics_ != nullptr) metrics_->CallReceived(*out);
  return status;
}

grpc::Status IntakeServiceImpl::ConfirmTriage(grpc::ServerContext* ctx,
                                              const v1::ConfirmTriageRequest* req, v1::Case* out) {
  v1::ConfirmTriageRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "IntakeService.ConfirmTriage", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  if (auto in_scope = server::CheckCaseScope(*grant, store_, r.case_id()); !in_scope.ok()) {
    return ToGrpcStatus(in_scope);
  }
  grpc::Status status = Reply(intake_.ConfirmTriage(r), out);
  if (status.ok() && metrics_ != nullptr) metrics_->Confirmed(*out);
  return status;
}

grpc::Status IntakeServiceImpl::GetCase(grpc::ServerContext* ctx, const v1::GetCaseRequest* req,
                                        v1::Case* out) {
  v1::GetCaseRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "IntakeService.GetCase", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  auto c = intake_.GetCase(r.case_id());
  if (!c.ok()) return ToGrpcStatus(c.status());
  if (auto in_scope = grant->CheckCase(*c); !in_scope.ok()) return ToGrpcStatus(in_scope);
  *out = server::CaseAsSeenBy(*grant, *std::move(c), *rules_.Get());
  return grpc::Status::OK;
}

}  // namespace liandong::intake
