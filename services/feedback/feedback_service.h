#pragma once

#include <atomic>

#include "auth/authorizer.h"
#include "closed_loop.h"
#include "liandong/v1/feedback.grpc.pb.h"
#include "outcome_feed.h"
#include "store/case_store.h"
#include "supervision_views.h"

namespace liandong::feedback {

class FeedbackServiceImpl final : public v1::FeedbackService::Service {
 public:
  FeedbackServiceImpl(ClosedLoop& loop, OutcomeFeed& outcomes, SupervisionViews& views,
                      const auth::Authorizer& authz, store::CaseStore& store)
      : loop_(loop), outcomes_(outcomes), views_(views), authz_(authz), store_(store) {}

  grpc::Status ReportProgress(grpc::ServerContext*, const v1::ReportProgressRequest* req,
                              v1::WorkOrder* out) override;
  grpc::Status Resolve(grpc::ServerContext*, const v1::ResolveRequest* req,
                       v1::WorkOrder* out) override;
  grpc::Status RecordCallback(grpc::ServerContext*, const v1::RecordCallbackRequest* req,
                              v1::Case* out) override;
  grpc::Status CloseCase(grpc::ServerContext*, const v1::CloseCaseRequest* req,
                         v1::Case* out) override;
  grpc::Status RequestExtension(grpc::ServerContext*, const v1::RequestExtensionRequest* req,
                                v1::WorkOrder* out) override;
  grpc::Status Reopen(grpc::ServerContext*, const v1::ReopenRequest* req, v1::Case* out) override;
  grpc::Status ListAttention(grpc::ServerContext*, const v1::ListAttentionRequest* req,
                             v1::ListAttentionResponse* out) override;
  grpc::Status GetKpis(grpc::ServerContext*, const v1::GetKpisRequest* req,
                       v1::KpiReport* out) override;
  grpc::Status WatchOutcomes(grpc::ServerContext* ctx, const v1::WatchOutcomesRequest* req,
                             grpc::ServerWriter<v1::Outcome>* writer) override;

  void Stop() { stopping_ = true; }

 private:
  ClosedLoop& loop_;
  OutcomeFeed& outcomes_;
  SupervisionViews& views_;
  const auth::Authorizer& authz_;
  store::CaseStore& store_;
  std::atomic<bool> stopping_{false};
};

}  // namespace liandong::feedback
