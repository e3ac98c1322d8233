#pragma once

#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "liandong/v1/dispatch.grpc.pb.h"

namespace liandong::testing {

// One replica of a partner: subscribes to a destination as `consumer`, reconnects whenever
// the stream ends (dispatch or Redis down), de-duplicates by order id, and optionally signs for
// what it receives (a failed sign-for is simply retried when the order is delivered again).
class Partner {
 public:
  Partner(std::string dispatch_address, std::string destination, std::string consumer,
          bool auto_sign);
  ~Partner() { Stop(); }

  void Start();
  void Stop();  // as a crash would: the stream is cancelled, nothing is signed on the way out

  std::set<std::string> received() const;  // distinct order ids
  std::set<std::string> signed_ids() const;
  int deliveries() const;          // every delivery, duplicates included
  int max_delivery_count() const;  // highest delivery_count seen
  int reconnects() const;

 private:
  void Loop();
  void Handle(const v1::OrderDelivery& d);

  std::string dispatch_address_, destination_, consumer_;
  std::unique_ptr<v1::DispatchService::Stub> stub_;  // one channel for the replica's lifetime
  bool auto_sign_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable absl::Mutex mu_;
  grpc::ClientContext* current_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::set<std::string> received_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> signed_ ABSL_GUARDED_BY(mu_);
  int deliveries_ ABSL_GUARDED_BY(mu_) = 0;
  int max_delivery_count_ ABSL_GUARDED_BY(mu_) = 0;
  int reconnects_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace liandong::testing
