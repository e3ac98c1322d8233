#include "feedback_service.h"

#include "common/grpc_status.h"

namespace liandong::feedback {
grpc::Status FeedbackServiceImpl::ReportProgress(grpc::ServerContext*,
                                                 const v1::ReportProgressRequest* req,
                                                 v1::WorkOrder* out) {
  return Reply(loop_.ReportProgress(*req), out);
}

grpc::Status FeedbackServiceImpl::Resolve(grpc::ServerContext*, const v1::ResolveRequest* req,
                                          v1::WorkOrder* out) {
  return Reply(loop_.Resolve(*req), out);
}

grpc::Status FeedbackServiceImpl::RecordCallback(grpc::ServerContext*,
                                                 const v1::RecordCallbackRequest* req,
                                                 v1::Case* out) {
  return Reply(loop_.RecordCallback(*req), out);
}

grpc::Status FeedbackServiceImpl::CloseCase(grpc::ServerContext*, const v1::CloseCaseRequest* req,
                                            v1::Case* out) {
  return Reply(loop_.CloseCase(*req), out);
}

grpc::Status FeedbackServiceImpl::RequestExtension(grpc::ServerContext*,
                                                   const v1::RequestExtensionRequest* req,
                                                   v1::WorkOrder* out) {
  return Reply(loop_.RequestExtension(*req), out);
}

grpc::Status FeedbackServiceImpl::Reopen(grpc::ServerContext*, const v1::ReopenRequest* req,
                                         v1::Case* out) {
  return Reply(loop_.Reopen(*req), out);
}

grpc::Status FeedbackServiceImpl::ListAttention(grpc::ServerContext*,
                                                const v1::ListAttentionRequest* req,
                                                v1::ListAttentionResponse* out) {
  return Reply(views_.Attention(*req), out);
}

grpc::Status FeedbackServiceImpl::GetKpis(grpc::ServerContext*, const v1::GetKpisRequest* req,
                                          v1::KpiReport* out) {
  return Reply(views_.Kpis(*req), out);
}

grpc::Status FeedbackServiceImpl::WatchOutcomes(grpc::ServerContext* ctx,
                                                const v1::WatchOutcomesRequest* req,
                                                grpc::ServerWriter<v1::Outcome>* writer) {
  return ToGrpcStatus(outcomes_.Run(
      *req, [writer](const v1::Outcome& o) { return writer->Write(o); },
      [this, ctx] { return stopping_.load() || ctx->IsCancelled(); }));
}

}  // namespace liandong::feedback
