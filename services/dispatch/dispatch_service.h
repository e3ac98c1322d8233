#pragma once

#include <atomic>

#include "auth/authorizer.h"
#include "dispatch_metrics.h"
#include "dispatcher.h"
#include "liandong/v1/dispatch.grpc.pb.h"
#include "order_feed.h"

namespace liandong::dispatch {

class DispatchServiceImpl final : public v1::DispatchService::Service {
 public:
  // `metrics` may be null.
  DispatchServiceImpl(Dispatcher& dispatcher, OrderFeed& feed, const auth::Authorizer& authz,
                      DispatchMetrics* metrics)
      : dispatcher_(dispatcher), feed_(feed), authz_(authz), metrics_(metrics) {}

  grpc::Status CreateOrders(grpc::ServerContext*, const v1::CreateOrdersRequest* req,
                            v1::Case* out) override;
  grpc::Status SubscribeOrders(grpc::ServerContext* ctx, const v1::SubscribeOrdersRequest* req,
                               grpc::ServerWriter<v1::OrderDelivery>* writer) override;
  grpc::Status SignOrder(grpc::ServerContext*, const v1::SignOrderRequest* req,
                         v1::WorkOrder* out) override;
  grpc::Status ReturnOrder(grpc::ServerContext*, const v1::ReturnOrderRequest* req,
                           v1::WorkOrder* out) override;
  grpc::Status ListDestinations(grpc::ServerContext*, const v1::ListDestinationsRequest* req,
                                v1::ListDestinationsResponse* out) override;

  // Ends every open subscription (graceful shutdown).
  void Stop() { stopping_ = true; }

 private:
  Dispatcher& dispatcher_;
  OrderFeed& feed_;
  const auth::Authorizer& authz_;
  DispatchMetrics* metrics_;
  std::atomic<bool> stopping_{false};
};

}  // namespace liandong::dispatch
