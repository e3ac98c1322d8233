#include "partner.h"

#include "server/client_channel.h"
#include "test_identity.h"

namespace liandong::testing {
namespace {

// The replica acts as the destination's worker, named after its consumer.
server::ClientSecurity PartnerSecurity(const std::string& destination,
                                       const std::string& consumer) {
  server::ClientSecurity s = TestPki::Get().Client();
  s.token = server::TokenSource::Fixed(TestPki::Get().Token(WorkerOf(destination, consumer)));
  return s;
}

}  // namespace

Partner::Partner(std::string dispatch_address, std::string destination, std::string consumer,
                 bool auto_sign)
    : dispatch_address_(std::move(dispatch_address)),
      destination_(std::move(destination)),
      consumer_(std::move(consumer)),
      stub_(v1::DispatchService::NewStub(
          server::MakeChannel(dispatch_address_, PartnerSecurity(destination_, consumer_)))),
      auto_sign_(auto_sign) {}

void Partner::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Partner::Stop() {
  stopping_ = true;
  {
    absl::MutexLock lock(&mu_);
    if (current_ != nullptr) current_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

void Partner::Loop() {
  bool first = true;
  while (!stopping_) {
    grpc::ClientContext ctx;
    {
      absl::MutexLock lock(&mu_);
      current_ = &ctx;
      if (!first) ++reconnects_;
    }
    first = false;
    v1::SubscribeOrdersRequest req;
    req.set_destination(destination_);
    req.set_consumer(consumer_);
    auto reader = stub_->SubscribeOrders(&ctx, req);
    v1::OrderDelivery d;
    while (!stopping_ && reader->Read(&d)) Handle(d);
    ctx.TryCancel();
    reader->Finish();
    {
      absl::MutexLock lock(&mu_);
      current_ = nullptr;
    }
    if (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void Partner::Handle(const v1::OrderDelivery& d) {
  {
    absl::MutexLock lock(&mu_);
    ++deliveries_;
    max_delivery_count_ = std::max<int>(max_delivery_count_, d.delivery_count());
    received_.insert(d.order().order_id());
  }
  if (!auto_sign_) return;
  grpc::ClientContext ctx;
  server::SetDeadline(ctx, absl::Seconds(3));
  v1::SignOrderRequest sign;
  sign.set_order_id(d.order().order_id());
  sign.set_destination(destination_);
  sign.set_signer(consumer_);
  v1::WorkOrder out;
  if (stub_->SignOrder(&ctx, sign, &out).ok()) {
    absl::MutexLock lock(&mu_);
    signed_.insert(d.order().order_id());
  }
}

std::set<std::string> Partner::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}
std::set<std::string> Partner::signed_ids() const {
  absl::MutexLock lock(&mu_);
  return signed_;
}
int Partner::deliveries() const {
  absl::MutexLock lock(&mu_);
  return deliveries_;
}
int Partner::max_delivery_count() const {
  absl::MutexLock lock(&mu_);
  return max_delivery_count_;
}
int Partner::reconnects() const {
  absl::MutexLock lock(&mu_);
  return reconnects_;
}

}  // namespace liandong::testing
