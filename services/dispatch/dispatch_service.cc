#include "dispatch_service.h"

#include "common/grpc_status.h"
#include "common/time_util.h"

namespace liandong::dispatch {
grpc::Status DispatchServiceImpl::CreateOrders(grpc::ServerContext* ctx,
                                               const v1::CreateOrdersRequest* req, v1::Case* out) {
  v1::CreateOrdersRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "DispatchService.CreateOrders", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  const auto started = ToProto(absl::Now() - absl::Seconds(1));
  grpc::Status status = Reply(dispatcher_.CreateOrders(r.case_id()), out);
  if (status.ok() && metrics_ != nullptr) {
    for (const auto& o : out->orders()) {  // the orders this call wrote
      if (o.status() == v1::ORDER_DISPATCHED && o.created_at().seconds() >= started.seconds()) {
        metrics_->OrderDispatched(o);
      }
    }
  }
  return status;
}

grpc::Status DispatchServiceImpl::SubscribeOrders(grpc::ServerContext* ctx,
                                                  const v1::SubscribeOrdersRequest* req,
                                                  grpc::ServerWriter<v1::OrderDelivery>* writer) {
  v1::SubscribeOrdersRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "DispatchService.SubscribeOrders", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  absl::Status valid = dispatcher_.CheckKnownDestination(r.destination());
  if (valid.ok()) valid = ValidateConsumer(r.consumer());
  if (valid.ok())
    valid = dispatcher_.BindConsumer(r.destination(), r.consumer(), grant->who().subject);
  if (!valid.ok()) return ToGrpcStatus(valid);
  auto slot = authz_.OpenStream(*grant);  // held until the stream ends
  if (!slot.ok()) return ToGrpcStatus(slot.status());
  absl::Status run = feed_.Run(
      r.destination(), r.consumer(),
      [writer](const v1::OrderDelivery& d) { return writer->Write(d); },
      [this, ctx] { return stopping_.load() || ctx->IsCancelled(); });
  return ToGrpcStatus(run);
}

grpc::Status DispatchServiceImpl::SignOrder(grpc::ServerContext* ctx,
                                            const v1::SignOrderRequest* req, v1::WorkOrder* out) {
  v1::SignOrderRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "DispatchService.SignOrder", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  grpc::Status status = Reply(dispatcher_.Sign(r), out);
  if (status.ok() && metrics_ != nullptr) metrics_->OrderSigned(*out);
  return status;
}

grpc::Status DispatchServiceImpl::ReturnOrder(grpc::ServerContext* ctx,
                                              const v1::ReturnOrderRequest* req,
                                              v1::WorkOrder* out) {
  v1::ReturnOrderRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "DispatchService.ReturnOrder", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  return Reply(dispatcher_.Return(r), out);
}

grpc::Status DispatchServiceImpl::ListDestinations(grpc::ServerContext* ctx,
                                                   const v1::ListDestinationsRequest* req,
                                                   v1::ListDestinationsResponse* out) {
  v1::ListDestinationsRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "DispatchService.ListDestinations", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  return Reply(dispatcher_.ListDestinations(), out);
}

}  // namespace liandong::dispatch
