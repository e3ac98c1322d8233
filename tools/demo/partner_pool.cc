#include "partner_pool.h"

#include <iostream>

#include "auth/authorizer.h"
#include "server/client_channel.h"

namespace liandong::demo {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(5);

// One person per destination, as at a real agency or desk.
std::string AgentOf(const std::string& destination) { return "demo-agent-" + destination; }

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
  auth::AttachToken(*ctx, ids_.WorkerOf(destination, AgentOf(destination)));
  auto reader = dispatch_.SubscribeOrders(ctx, req);
  v1::OrderDelivery delivery;
  while (reader->Read(&delivery)) Handle(delivery.order());
  const grpc::Status end = reader->Finish();  // CANCELLED when Stop() ends the subscription
  if (!end.ok() && end.error_code() != grpc::StatusCode::CANCELLED) {
    std::cerr << "demo: subscription to " << destination << ": " << end.error_message() << "\n";
    absl::MutexLock lock(&mu_);
    ++errors_;
  }
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
  const std::string token = ids_.WorkerOf(order.destination(), AgentOf(order.destination()));
  v1::WorkOrder out;
  {
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, token);
    v1::SignOrderRequest sign;
    sign.set_order_id(order.order_id());
    sign.set_destination(order.destination());
    if (!call_ok("sign", dispatch_.SignOrder(&ctx, sign, &out))) return;
  }
  {
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, token);
    v1::ReportProgressRequest progress;
    progress.set_order_id(order.order_id());
    progress.set_destination(order.destination());
    progress.set_note("已安排人员处置");
    if (!call_ok("progress", feedback_.ReportProgress(&ctx, progress, &out))) return;
  }
  grpc::ClientContext ctx;
  server::SetDeadline(ctx, kCallTimeout);
  auth::AttachToken(ctx, token);
  v1::ResolveRequest resolve;
  resolve.set_order_id(order.order_id());
  resolve.set_destination(order.destination());
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
