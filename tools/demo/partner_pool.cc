#include "partner_pool.h"

#include <iostream>

#include "server/client_channel.h"

namespace liandong::demo {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(5);

}  // namespace

void PartnerPool::Start(const std::vector<std::string>& destinations) {
  for (const auto& d : destinations) {
    contexts_.push_back(std::make_unique<grpc::ClientContext>());
    grpc::ClientContext* ctx = contexts_.back().get();
    threads_.emplace_back([this, d, ctx] { Serve(d, ctx); });
  }
}

void PartnerPool::Stop() {
  for (auto& ctx : contexts_) ctx->TryCancel();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void PartnerPool::Serve(const std::string& destination, grpc::ClientContext* ctx) {
  v1::SubscribeOrdersRequest req;
  req.set_destination(destination);
  req.set_consumer("demo-partner");
  auto reader = dispatch_.SubscribeOrders(ctx, req);
  v1::OrderDelivery delivery;
  while (reader->Read(&delivery)) Handle(delivery.order());
  reader->Finish();  // CANCELLED when Stop() ends the subscription
}

void PartnerPool::Handle(const v1::WorkOrder& order) {
  {
    absl::MutexLock lock(&mu_);
    if (!received_.insert(order.order_id()).second) ++duplicates_;
  }
  auto call_ok = [this, &order](const char* what, const grpc::Status& s) {
    if (s.ok()) return true;
    std::cerr << "demo: " << what << " " << order.order_id() << ": " << s.error_message() << "\n";
    absl::MutexLock lock(&mu_);
    ++errors_;
    return false;
  };
  v1::WorkOrder out;
  {
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    v1::SignOrderRequest sign;
    sign.set_order_id(order.order_id());
    sign.set_destination(order.destination());
    sign.set_signer("demo-agent");
    if (!call_ok("sign", dispatch_.SignOrder(&ctx, sign, &out))) return;
  }
  {
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    v1::ReportProgressRequest progress;
    progress.set_order_id(order.order_id());
    progress.set_destination(order.destination());
    progress.set_handler("demo-agent");
    progress.set_note("已安排人员处置");
    if (!call_ok("progress", feedback_.ReportProgress(&ctx, progress, &out))) return;
  }
  grpc::ClientContext ctx;
  server::SetDeadline(ctx, kCallTimeout);
  v1::ResolveRequest resolve;
  resolve.set_order_id(order.order_id());
  resolve.set_destination(order.destination());
  resolve.set_handler("demo-agent");
  resolve.set_result("已处理完毕，已向来电人反馈");
  call_ok("resolve", feedback_.Resolve(&ctx, resolve, &out));
}

std::set<std::string> PartnerPool::Received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

int PartnerPool::duplicates() const {
  absl::MutexLock lock(&mu_);
  return duplicates_;
}

int PartnerPool::errors() const {
  absl::MutexLock lock(&mu_);
  return errors_;
}

}  // namespace liandong::demo
