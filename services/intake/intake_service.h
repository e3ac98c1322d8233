#pragma once

#include "auth/authorizer.h"
#include "intake.h"
#include "intake_metrics.h"
#include "liandong/v1/intake.grpc.pb.h"
#include "rules/rule_table_holder.h"

namespace liandong::intake {

// gRPC edge of Intake: statuses map one to one.
class IntakeServiceImpl final : public v1::IntakeService::Service {
 public:
  // `metrics` may be null (no metrics endpoint, e.g. in unit tests).
  IntakeServiceImpl(Intake& intake, const auth::Authorizer& authz, store::CaseStore& store,
                    rules::RuleTableHolder& rules, IntakeMetrics* metrics)
      : intake_(intake), authz_(authz), store_(store), rules_(rules), metrics_(metrics) {}

  grpc::Status SubmitCall(grpc::ServerContext*, const v1::SubmitCallRequest* req,
                          v1::Case* out) override;
  grpc::Status ConfirmTriage(grpc::ServerContext*, const v1::ConfirmTriageRequest* req,
                             v1::Case* out) override;
  grpc::Status GetCase(grpc::ServerContext*, const v1::GetCaseRequest* req, v1::Case* out) override;

 private:
  Intake& intake_;
  const auth::Authorizer& authz_;
  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  IntakeMetrics* metrics_;
};

}  // namespace liandong::intake
