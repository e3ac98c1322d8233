// Commands of the operators at both desks and of the callback desk.
#include <iostream>

#include "absl/flags/flag.h"
#include "commands.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "render.h"

ABSL_FLAG(std::string, side, "", "110 or 12345");
ABSL_FLAG(std::string, channel, "phone", "phone, online, sms, app or transfer");
ABSL_FLAG(std::string, phone, "", "caller's phone");
ABSL_FLAG(std::string, name, "", "caller's name");
ABSL_FLAG(std::string, address, "", "where it happens");
ABSL_FLAG(std::string, district, "", "district code");
ABSL_FLAG(std::string, text, "", "the caller's words or the post");
ABSL_FLAG(std::string, operator_id, "", "who acts (default: the token's subject; must match it)");
ABSL_FLAG(std::string, disposition, "", "override: EMERGENCY_110 … OUT_OF_SCOPE");
ABSL_FLAG(std::string, item, "", "override: item id for TRANSFER_12345");
ABSL_FLAG(std::string, handover_item, "", "override: handover item for EMERGENCY_110");
ABSL_FLAG(std::string, reason, "", "why (overrides, returns)");
ABSL_FLAG(int, satisfaction, 0, "callback: 1 (非常不满意) … 5 (非常满意)");
ABSL_FLAG(std::string, method, "phone", "callback method: phone, sms, web");
ABSL_FLAG(std::string, note, "", "free note");
ABSL_FLAG(std::string, case_id, "", "outcomes: only this case");
ABSL_FLAG(std::string, after, "", "outcomes: resume after this stream id (0 = from the start)");
ABSL_FLAG(int, count, 0, "streams: stop after this many messages (0 = no limit)");
ABSL_FLAG(int, seconds, 0, "streams: stop after this many seconds (0 = run until Ctrl-C)");

namespace liandong::desk {

int Usage(const std::string& line, const std::string& problem) {
  std::cerr << "error: " << problem << "\nusage: liandong-desk " << line << "\n";
  return 2;
}

int Submit(Clients& c, const Args&) {
  const char* kUsage =
      "submit --side 110|12345 --text T [--channel phone] [--phone P] [--address A] "
      "[--district D] [--request_id R] [--operator_id O]";
  auto side = ParseSide(absl::GetFlag(FLAGS_side));
  if (!side.ok()) return Usage(kUsage, std::string(side.status().message()));
  auto channel = ParseChannel(absl::GetFlag(FLAGS_channel));
  if (!channel.ok()) return Usage(kUsage, std::string(channel.status().message()));
  v1::SubmitCallRequest req;
  req.set_side(*side);
  req.set_channel(*channel);
  req.set_text(absl::GetFlag(FLAGS_text));
  req.set_request_id(RequestId());
  req.set_operator_id(absl::GetFlag(FLAGS_operator_id));
  req.mutable_caller()->set_phone(absl::GetFlag(FLAGS_phone));
  req.mutable_caller()->set_name(absl::GetFlag(FLAGS_name));
  req.mutable_location()->set_address(absl::GetFlag(FLAGS_address));
  req.mutable_location()->set_district_code(absl::GetFlag(FLAGS_district));
  v1::Case out;
  if (int rc = Report(CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.intake->SubmitCall(ctx, req, &out); })))
    return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  std::cout << "case " << out.case_id() << " [" << CaseStatusLabel(out.status())
            << "]\nsuggestion:\n";
  PrintTriage(out.suggested(), std::cout);
  std::cout << "confirm with: liandong-desk confirm " << out.case_id() << "\n";
  return 0;
}

int Confirm(Clients& c, const Args& args) {
  const char* kUsage =
      "confirm CASE_ID [--operator_id O] | confirm CASE_ID --disposition D "
      "[--item I] [--handover_item H] --reason R";
  if (args.size() != 1) return Usage(kUsage, "name one case id");
  v1::ConfirmTriageRequest req;
  req.set_case_id(args[0]);
  req.set_operator_id(absl::GetFlag(FLAGS_operator_id));
  const std::string d = absl::GetFlag(FLAGS_disposition);
  req.set_accept_suggestion(d.empty());
  if (!d.empty()) {
    auto parsed = ParseDisposition(d);
    if (!parsed.ok()) return Usage(kUsage, std::string(parsed.status().message()));
    req.set_disposition(*parsed);
    req.set_item(absl::GetFlag(FLAGS_item));
    req.set_handover_item(absl::GetFlag(FLAGS_handover_item));
    req.set_reason(absl::GetFlag(FLAGS_reason));
  }
  v1::Case out;
  req.set_request_id(RequestId());
  if (int rc = Report(CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.intake->ConfirmTriage(ctx, req, &out); })))
    return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  std::cout << "case " << out.case_id() << " [" << CaseStatusLabel(out.status()) << "]\n";
  PrintOrders(out, std::cout);
  return 0;
}

int Show(Clients& c, const Args& args) {
  if (args.size() != 1) return Usage("show CASE_ID", "name one case id");
  v1::GetCaseRequest req;
  req.set_case_id(args[0]);
  v1::Case out;
  if (int rc = Report(c.intake->GetCase(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
  } else {
    PrintCase(out, std::cout);
  }
  return 0;
}

int Callback(Clients& c, const Args& args) {
  const char* kUsage = "callback CASE_ID --satisfaction 1-5 [--method phone|sms|web] [--note N]";
  if (args.size() != 1) return Usage(kUsage, "name one case id");
  v1::RecordCallbackRequest req;
  req.set_case_id(args[0]);
  req.set_operator_id(absl::GetFlag(FLAGS_operator_id));
  req.set_satisfaction(absl::GetFlag(FLAGS_satisfaction));
  req.set_method(absl::GetFlag(FLAGS_method));
  req.set_note(absl::GetFlag(FLAGS_note));
  v1::Case out;
  req.set_request_id(RequestId());
  if (int rc = Report(CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.feedback->RecordCallback(ctx, req, &out); })))
    return rc;
  std::cout << "case " << out.case_id() << " [" << CaseStatusLabel(out.status()) << "]\n";
  return 0;
}

int Outcomes(Clients& c, const Args&) {
  const char* kUsage =
      "outcomes --side 110|12345 [--case_id C] [--after ID] [--count N] [--seconds S]";
  auto side = ParseSide(absl::GetFlag(FLAGS_side));
  if (!side.ok()) return Usage(kUsage, std::string(side.status().message()));
  grpc::ClientContext ctx;
  if (int idle = absl::GetFlag(FLAGS_seconds); idle > 0) {
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(idle)));
  }
  v1::WatchOutcomesRequest req;
  req.set_side(*side);
  req.set_case_id(absl::GetFlag(FLAGS_case_id));
  req.set_after_id(absl::GetFlag(FLAGS_after));
  auto reader = c.feedback->WatchOutcomes(&ctx, req);
  v1::Outcome o;
  int n = 0;
  const int limit = absl::GetFlag(FLAGS_count);
  while ((limit == 0 || n < limit) && reader->Read(&o)) {
    ++n;
    std::cout << FormatLocal(o.at()) << "  " << o.case_id() << "  " << o.order_id() << "  "
              << o.type() << "  " << o.actor() << "  " << o.detail() << std::endl;
  }
  return FinishStream(ctx, *reader, limit != 0 && n >= limit);
}

}  // namespace liandong::desk
