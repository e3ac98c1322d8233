#pragma once

#include <memory>
#include <string>

#include "auth/authorizer.h"
#include "classification_metrics.h"
#include "liandong/v1/classification.grpc.pb.h"
#include "rules/rule_table_holder.h"
#include "triage/classifier.h"

namespace liandong::classification {

// Validates the text and runs the classifier; stateless apart from the loaded table.
class ClassificationServiceImpl final : public v1::ClassificationService::Service {
 public:
  // `metrics` may be null.
  // `model_version` is what GetRuleTableInfo reports (the trained model's, or "rules-v1").
  ClassificationServiceImpl(std::shared_ptr<const triage::Classifier> classifier,
                            rules::RuleTableHolder& rules, std::string model_version,
                            const auth::Authorizer& authz, ClassificationMetrics* metrics = nullptr)
      : classifier_(std::move(classifier)),
        rules_(rules),
        model_version_(std::move(model_version)),
        authz_(authz),
        metrics_(metrics) {}

  grpc::Status Classify(grpc::ServerContext* ctx, const v1::ClassifyRequest* req,
                        v1::Triage* out) override;
  grpc::Status GetRuleTableInfo(grpc::ServerContext* ctx, const v1::GetRuleTableInfoRequest* req,
                                v1::RuleTableInfo* out) override;

 private:
  std::shared_ptr<const triage::Classifier> classifier_;
  rules::RuleTableHolder& rules_;
  std::string model_version_;
  const auth::Authorizer& authz_;
  ClassificationMetrics* metrics_;
};

}  // namespace liandong::classification
