// Commands of partner agencies and the sides' desks receiving orders, and of ops.
#include <iostream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "render.h"
#include "server/client_channel.h"

ABSL_FLAG(std::string, destination, "",
          "the destination acting: 110, 12345 or agency:<id> (default: the token's own)");
ABSL_FLAG(std::string, consumer, "desk", "watch: this replica's name in the destination's group");
ABSL_FLAG(std::string, signer, "", "who signs for or returns (default: the token's subject)");
ABSL_FLAG(bool, sign, false, "watch: sign for every order as it arrives");
ABSL_FLAG(std::string, reason_code, "", "return: not_our_responsibility, wrong_district, …");
ABSL_FLAG(std::string, handler, "", "who handles the order (default: the token's subject)");
ABSL_FLAG(std::string, result, "", "resolve: what was done");
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, note);
ABSL_DECLARE_FLAG(int, count);
ABSL_DECLARE_FLAG(int, seconds);

namespace liandong::desk {
namespace {

int PrintOrderResult(const grpc::Status& s, const v1::WorkOrder& o) {
  if (int rc = Report(s)) return rc;
  if (JsonOutput()) {
    PrintJson(o, std::cout);
  } else {
    PrintOrder(o, std::cout);
  }
  return 0;
}

}  // namespace

int Watch(Clients& c, const Args&) {
  // The destination defaults to the token's own stream (the server fills it in).
  grpc::ClientContext ctx;
  if (int secs = absl::GetFlag(FLAGS_seconds); secs > 0) {
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(secs)));
  }
  v1::SubscribeOrdersRequest req;
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_consumer(absl::GetFlag(FLAGS_consumer));
  auto reader = c.dispatch->SubscribeOrders(&ctx, req);
  v1::OrderDelivery d;
  int n = 0;
  const int limit = absl::GetFlag(FLAGS_count);
  while ((limit == 0 || n < limit) && reader->Read(&d)) {
    ++n;
    const auto& o = d.order();
    std::cout << absl::StrFormat(
        "%s %-24s %-16s %-20s %-3s sign by %s%s\n    %s\n", FormatLocal(o.created_at()),
        o.order_id(), v1::Priority_Name(o.priority()),
        o.item().empty() ? v1::OrderKind_Name(o.kind()) : o.item(), o.sla_tier(),
        FormatLocal(o.sign_due()), d.redelivery() ? "  (unsigned, again)" : "", o.summary());
    if (absl::GetFlag(FLAGS_sign)) {
      v1::SignOrderRequest sign;
      sign.set_order_id(o.order_id());
      sign.set_destination(o.destination());
      sign.set_signer(absl::GetFlag(FLAGS_signer));
      v1::WorkOrder out;
      sign.set_request_id(RequestId() + ":" + sign.order_id());
      if (Report(CallWithRetry(c, [&](grpc::ClientContext* ctx) {
            return c.dispatch->SignOrder(ctx, sign, &out);
          })) == 0) {
        std::cout << "    signed for by " << out.signed_by() << "\n";
      }
    }
    std::cout.flush();
  }
  return FinishStream(ctx, *reader, limit != 0 && n >= limit);
}

int Sign(Clients& c, const Args& args) {
  if (args.size() != 1)
    return Usage("sign ORDER_ID --destination D --signer S", "name one order id");
  v1::SignOrderRequest req;
  req.set_order_id(args[0]);
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_signer(absl::GetFlag(FLAGS_signer));
  v1::WorkOrder out;
  req.set_request_id(RequestId());
  return PrintOrderResult(
      CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.dispatch->SignOrder(ctx, req, &out); }),
      out);
}

int Return(Clients& c, const Args& args) {
  const char* kUsage = "return ORDER_ID --destination D --signer S --reason_code C [--reason R]";
  if (args.size() != 1) return Usage(kUsage, "name one order id");
  v1::ReturnOrderRequest req;
  req.set_order_id(args[0]);
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_signer(absl::GetFlag(FLAGS_signer));
  req.set_reason_code(absl::GetFlag(FLAGS_reason_code));
  req.set_reason(absl::GetFlag(FLAGS_reason));
  v1::WorkOrder out;
  req.set_request_id(RequestId());
  return PrintOrderResult(
      CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.dispatch->ReturnOrder(ctx, req, &out); }),
      out);
}

int Progress(Clients& c, const Args& args) {
  if (args.size() != 1)
    return Usage("progress ORDER_ID --destination D --handler H --note N", "name one order id");
  v1::ReportProgressRequest req;
  req.set_order_id(args[0]);
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_handler(absl::GetFlag(FLAGS_handler));
  req.set_note(absl::GetFlag(FLAGS_note));
  v1::WorkOrder out;
  req.set_request_id(RequestId());
  return PrintOrderResult(
      CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.feedback->ReportProgress(ctx, req, &out); }),
      out);
}

int Resolve(Clients& c, const Args& args) {
  if (args.size() != 1)
    return Usage("resolve ORDER_ID --destination D --handler H --result R", "name one order id");
  v1::ResolveRequest req;
  req.set_order_id(args[0]);
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_handler(absl::GetFlag(FLAGS_handler));
  req.set_result(absl::GetFlag(FLAGS_result));
  v1::WorkOrder out;
  req.set_request_id(RequestId());
  return PrintOrderResult(
      CallWithRetry(c,
                    [&](grpc::ClientContext* ctx) { return c.feedback->Resolve(ctx, req, &out); }),
      out);
}

int Destinations(Clients& c, const Args&) {
  v1::ListDestinationsResponse out;
  if (int rc = Report(c.dispatch->ListDestinations(c.Context().get(), {}, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  // backlog = unread (lag) + delivered but unsigned (pending): both wait for the destination.
  std::cout << absl::StrFormat("%-28s %-6s %8s %8s %8s %8s  %s\n", "destination", "side", "backlog",
                               "unread", "unsigned", "length", "name");
  for (const auto& d : out.destinations()) {
    std::cout << absl::StrFormat("%-28s %-6s %8d %8d %8d %8d  %s\n", d.destination(),
                                 SideLabel(d.side()), d.backlog(), d.lag(), d.pending(), d.length(),
                                 d.name());
  }
  return 0;
}

int Health(Clients& c, const Args&) {
  int rc = 0;
  for (const auto& [name, address] : std::vector<std::pair<std::string, std::string>>{
           {"intake", c.intake_address},
           {"classification", c.classification_address},
           {"dispatch", c.dispatch_address},
           {"feedback", c.feedback_address}}) {
    auto stub = grpc::health::v1::Health::NewStub(server::MakeChannel(address, c.security));
    grpc::health::v1::HealthCheckRequest req;
    req.set_service("ready");
    grpc::health::v1::HealthCheckResponse out;
    grpc::Status s = stub->Check(c.Context().get(), req, &out);
    const std::string state =
        s.ok() ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(out.status())
               : "UNREACHABLE";
    if (state != "SERVING") rc = 1;
    std::cout << absl::StrFormat("%-15s %-22s %s\n", name, address, state);
  }
  return rc;
}

}  // namespace liandong::desk
