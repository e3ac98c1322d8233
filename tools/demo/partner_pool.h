#pragma once

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "demo_identities.h"
#include "liandong/v1/dispatch.grpc.pb.h"
#include "liandong/v1/feedback.grpc.pb.h"

namespace liandong::demo {

// Plays every partner agency and both sides' desks: one subscriber per destination that signs
// for each order it receives, reports progress and resolves it.
class PartnerPool {
 public:
  PartnerPool(v1::DispatchService::Stub& dispatch, v1::FeedbackService::Stub& feedback,
              DemoIdentities& ids)
      : dispatch_(dispatch), feedback_(feedback), ids_(ids) {}
  ~PartnerPool() { Stop(); }

  void Start(const std::vector<std::string>& destinations);
  void Stop();
  // Order ids received so far, and how many deliveries repeated an id already received.
  std::set<std::string> Received() const;
  int duplicates() const;
  int errors() const;

 private:
  void Serve(const std::string& destination, grpc::ClientContext* ctx);
  void Handle(const v1::WorkOrder& order);

  v1::DispatchService::Stub& dispatch_;
  v1::FeedbackService::Stub& feedback_;
  DemoIdentities& ids_;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts_;
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  std::set<std::string> received_ ABSL_GUARDED_BY(mu_);
  int duplicates_ ABSL_GUARDED_BY(mu_) = 0;
  int errors_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace liandong::demo
