#include "dispatch_service.h"

#include "common/grpc_status.h"
#include "common/time_util.h"

namespace liandong::dispatch {
grpc::Status DispatchServiceImpl::CreateOrders(grpc::ServerContext*,
                                               const v1::CreateOrdersRequest* req, v1::Case* out) {
  const auto started = ToProto(absl::Now() - absl::Seconds(1));
  grpc::Status status = Reply(dispatcher_.CreateOrders(req->case_id()), out);
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
  absl::Status valid = dispatcher_.CheckKnownDestination(req->destination());
  if (valid.ok()) valid = ValidateConsumer(req->consumer());
  if (!valid.ok()) return ToGrpcStatus(valid);
  absl::Status run = feed_.Run(
      req->destination(), req->consumer(),
      [writer](const v1::OrderDelivery& d) { return writer->Write(d); },
      [this, ctx] { return stopping_.load() || ctx->IsCancelled(); });
  return ToGrpcStatus(run);
}

grpc::Status DispatchServiceImpl::SignOrder(grpc::ServerContext*, const v1::SignOrderRequest* req,
                                            v1::WorkOrder* out) {
  grpc::Status status = Reply(dispatcher_.Sign(*req), out);
  if (status.ok() && metrics_ != nullptr) metrics_->OrderSigned(*out);
  return status;
}

grpc::Status DispatchServiceImpl::ReturnOrder(grpc::ServerContext*,
                                              const v1::ReturnOrderRequest* req,
                                              v1::WorkOrder* out) {
  return Reply(dispatcher_.Return(*req), out);
}

grpc::Status DispatchServiceImpl::ListDestinations(grpc::ServerContext*,
                                                   const v1::ListDestinationsRequest*,
                                                   v1::ListDestinationsResponse* out) {
  return Reply(dispatcher_.ListDestinations(), out);
}

}  // namespace liandong::dispatch
