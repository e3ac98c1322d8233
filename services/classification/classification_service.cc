#include "classification_service.h"

#include "common/grpc_status.h"
#include "common/text_limits.h"

namespace liandong::classification {

grpc::Status ClassificationServiceImpl::Classify(grpc::ServerContext* ctx,
                                                 const v1::ClassifyRequest* req, v1::Triage* out) {
  v1::ClassifyRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "ClassificationService.Classify", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  absl::Status valid = ValidateCallText(req->text());
  if (!valid.ok()) return ToGrpcStatus(valid);
  if (!req->title().empty()) {
    valid = ValidateShortField("title", req->title(), kMaxTextBytes, /*required=*/false);
    if (!valid.ok()) return ToGrpcStatus(valid);
  }
  *out = classifier_->ClassifyPost(req->side(), req->channel(), req->title(), req->text());
  if (metrics_ != nullptr) metrics_->Observe(*out);
  return grpc::Status::OK;
}

grpc::Status ClassificationServiceImpl::GetRuleTableInfo(grpc::ServerContext* ctx,
                                                         const v1::GetRuleTableInfoRequest* req,
                                                         v1::RuleTableInfo* out) {
  v1::GetRuleTableInfoRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "ClassificationService.GetRuleTableInfo", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  const auto rules = rules_.Get();
  const auto& t = rules->table();
  out->set_version(t.version());
  out->set_effective_date(t.effective_date());
  out->set_categories(t.categories_size());
  int items = 0;
  for (const auto& c : t.categories()) items += c.items_size();
  out->set_items(items);
  out->set_model_version(model_version_);
  return grpc::Status::OK;
}

}  // namespace liandong::classification
