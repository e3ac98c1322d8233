#include "feedback_service.h"

#include "common/grpc_status.h"
#include "server/case_scope.h"

namespace liandong::feedback {
namespace {

// The roles table's action for a close: cancelling is a supervisor's decision alone, so an
// untouched emergency cannot be cancelled from a desk.
// Cancelling ends orders and merging folds a dispatched case into another: supervisors only.
const char* CloseAction(const v1::CloseCaseRequest& r) {
  if (r.reason() == v1::CLOSED_CANCELLED) return "FeedbackService.CloseCase:cancel";
  if (r.reason() == v1::CLOSED_DUPLICATE) return "FeedbackService.CloseCase:merge";
  return "FeedbackService.CloseCase";
}

}  // namespace

// Authorizes `action` on a copy of the request (actor and scope fields bound), or returns.
#define LD_AUTHORIZE(Type, action, grant_var)          \
  Type r = *req;                                       \
  auto grant_var = authz_.Authorize(*ctx, action, &r); \
  if (!grant_var.ok()) return ToGrpcStatus(grant_var.status())

#define LD_AUTHORIZE_CASE(grant_var)                                                           \
  if (auto in_scope = server::CheckCaseScope(*grant_var, store_, r.case_id()); !in_scope.ok()) \
  return ToGrpcStatus(in_scope)

grpc::Status FeedbackServiceImpl::ReportProgress(grpc::ServerContext* ctx,
                                                 const v1::ReportProgressRequest* req,
                                                 v1::WorkOrder* out) {
  LD_AUTHORIZE(v1::ReportProgressRequest, "FeedbackService.ReportProgress", grant);
  return Reply(loop_.ReportProgress(r), out);
}

grpc::Status FeedbackServiceImpl::Resolve(grpc::ServerContext* ctx, const v1::ResolveRequest* req,
                                          v1::WorkOrder* out) {
  LD_AUTHORIZE(v1::ResolveRequest, "FeedbackService.Resolve", grant);
  return Reply(loop_.Resolve(r), out);
}

grpc::Status FeedbackServiceImpl::RecordCallback(grpc::ServerContext* ctx,
                                                 const v1::RecordCallbackRequest* req,
                                                 v1::Case* out) {
  LD_AUTHORIZE(v1::RecordCallbackRequest, "FeedbackService.RecordCallback", grant);
  LD_AUTHORIZE_CASE(grant);
  return Reply(loop_.RecordCallback(r), out);
}

grpc::Status FeedbackServiceImpl::CloseCase(grpc::ServerContext* ctx,
                                            const v1::CloseCaseRequest* req, v1::Case* out) {
  LD_AUTHORIZE(v1::CloseCaseRequest, CloseAction(*req), grant);
  LD_AUTHORIZE_CASE(grant);
  return Reply(loop_.CloseCase(r), out);
}

grpc::Status FeedbackServiceImpl::RequestExtension(grpc::ServerContext* ctx,
                                                   const v1::RequestExtensionRequest* req,
                                                   v1::WorkOrder* out) {
  LD_AUTHORIZE(v1::RequestExtensionRequest, "FeedbackService.RequestExtension", grant);
  return Reply(loop_.RequestExtension(r), out);
}

grpc::Status FeedbackServiceImpl::Reopen(grpc::ServerContext* ctx, const v1::ReopenRequest* req,
                                         v1::Case* out) {
  LD_AUTHORIZE(v1::ReopenRequest, "FeedbackService.Reopen", grant);
  LD_AUTHORIZE_CASE(grant);
  return Reply(loop_.Reopen(r), out);
}

grpc::Status FeedbackServiceImpl::ListAttention(grpc::ServerContext* ctx,
                                                const v1::ListAttentionRequest* req,
                                                v1::ListAttentionResponse* out) {
  LD_AUTHORIZE(v1::ListAttentionRequest, "FeedbackService.ListAttention", grant);
  return Reply(views_.Attention(r), out);
}

grpc::Status FeedbackServiceImpl::GetKpis(grpc::ServerContext* ctx, const v1::GetKpisRequest* req,
                                          v1::KpiReport* out) {
  LD_AUTHORIZE(v1::GetKpisRequest, "FeedbackService.GetKpis", grant);
  return Reply(views_.Kpis(r), out);
}

grpc::Status FeedbackServiceImpl::WatchOutcomes(grpc::ServerContext* ctx,
                                                const v1::WatchOutcomesRequest* req,
                                                grpc::ServerWriter<v1::Outcome>* writer) {
  LD_AUTHORIZE(v1::WatchOutcomesRequest, "FeedbackService.WatchOutcomes", grant);
  auto slot = authz_.OpenStream(*grant);  // held until the stream ends
  if (!slot.ok()) return ToGrpcStatus(slot.status());
  return ToGrpcStatus(outcomes_.Run(
      r, [writer](const v1::Outcome& o) { return writer->Write(o); },
      [this, ctx] { return stopping_.load() || ctx->IsCancelled(); }));
}

}  // namespace liandong::feedback
