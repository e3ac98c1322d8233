// Commands over the system of record (RecordService, served by liandong-archiver): lists and
// search, the operator queues, a caller's history, a case's archived history, KPI reports for
// any period, CSV exports.
#include <cstdlib>
#include <iostream>
#include <map>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "common/enums.h"
#include "common/service_time_zone.h"
#include "common/time_util.h"
#include "liandong/v1/record.grpc.pb.h"
#include "render.h"
#include "server/client_channel.h"

ABSL_FLAG(std::string, record, "",
          "record service address (default $LIANDONG_RECORD or 127.0.0.1:50055)");
ABSL_FLAG(std::string, status, "", "cases: triaged, confirmed, dispatched, … closed, returned");
ABSL_FLAG(std::string, agency, "", "cases/queue: only cases with an order to this agency id");
ABSL_FLAG(std::string, category, "", "cases: category id");
ABSL_FLAG(std::string, from, "", "cases/report/export: from this date (YYYY-MM-DD, local time)");
ABSL_FLAG(std::string, to, "", "cases/report/export: before this date (YYYY-MM-DD)");
ABSL_FLAG(bool, needs_review, false, "cases: only suggestions that need review");
ABSL_FLAG(bool, overdue, false, "cases: only cases with an order past its deadline");
ABSL_FLAG(bool, supervised, false, "cases: only open cases under supervision (督办)");
ABSL_FLAG(int, page_size, 0, "cases: rows per page (default 50, at most 500)");
ABSL_FLAG(std::string, page_token, "", "cases: the next_page_token a previous page printed");
ABSL_FLAG(std::string, period, "day", "report/export kpi: day, week, month (or --from/--to)");
ABSL_DECLARE_FLAG(std::string, side);
ABSL_DECLARE_FLAG(std::string, phone);
ABSL_DECLARE_FLAG(std::string, address);
ABSL_DECLARE_FLAG(std::string, district);
ABSL_DECLARE_FLAG(std::string, text);
ABSL_DECLARE_FLAG(std::string, item);
ABSL_DECLARE_FLAG(std::string, destination);
ABSL_DECLARE_FLAG(std::string, group_by);

namespace liandong::desk {
namespace {

std::unique_ptr<v1::RecordService::Stub> RecordStub(const Clients& c) {
  std::string address = absl::GetFlag(FLAGS_record);
  if (address.empty()) {
    const char* env = std::getenv("LIANDONG_RECORD");
    address = env != nullptr && *env != '\0' ? env : "127.0.0.1:50055";
  }
  return v1::RecordService::NewStub(server::MakeChannel(address, c.security));
}

// "2026-11-22" (local midnight) or RFC 3339; false when it is neither.
bool ParseWhen(const std::string& text, absl::Time* out) {
  std::string err;
  return absl::ParseTime("%Y-%m-%d", text, ServiceTimeZone(), out, &err) ||
         absl::ParseTime(absl::RFC3339_full, text, out, &err);
}

// Reads --from/--to into the two timestamps; 2 (usage) on a bad date.
int ReadWindow(const char* line, google::protobuf::Timestamp* from,
               google::protobuf::Timestamp* to) {
  for (auto [flag, ts] :
       {std::pair{absl::GetFlag(FLAGS_from), from}, std::pair{absl::GetFlag(FLAGS_to), to}}) {
    if (flag.empty()) continue;
    absl::Time t;
    if (!ParseWhen(flag, &t)) return Usage(line, "--from/--to: YYYY-MM-DD or RFC 3339");
    *ts = ToProto(t);
  }
  return 0;
}

// The filters of `cases` and `export cases` from the flags.
int CaseFilters(const char* line, v1::ListCasesRequest* req) {
  if (const std::string side = absl::GetFlag(FLAGS_side); !side.empty()) {
    auto parsed = ParseSide(side);
    if (!parsed.ok()) return Usage(line, "--side: 110 or 12345");
    req->set_side(*parsed);
  }
  if (const std::string status = absl::GetFlag(FLAGS_status); !status.empty()) {
    for (int i = 1; i <= v1::CaseStatus_MAX; ++i) {
      if (CaseStatusLabel(static_cast<v1::CaseStatus>(i)) == status)
        req->set_status(static_cast<v1::CaseStatus>(i));
    }
    if (req->status() == v1::CASE_STATUS_UNSPECIFIED) return Usage(line, "--status: unknown");
  }
  req->set_destination(absl::GetFlag(FLAGS_destination));
  req->set_agency(absl::GetFlag(FLAGS_agency));
  req->set_district(absl::GetFlag(FLAGS_district));
  req->set_item(absl::GetFlag(FLAGS_item));
  req->set_category(absl::GetFlag(FLAGS_category));
  req->set_needs_review(absl::GetFlag(FLAGS_needs_review));
  req->set_overdue(absl::GetFlag(FLAGS_overdue));
  req->set_under_supervision(absl::GetFlag(FLAGS_supervised));
  req->set_phone(absl::GetFlag(FLAGS_phone));
  req->set_address_contains(absl::GetFlag(FLAGS_address));
  req->set_text_contains(absl::GetFlag(FLAGS_text));
  if (int rc = ReadWindow(line, req->mutable_received_from(), req->mutable_received_to()))
    return rc;
  // Unset flags leave the window open on that end.
  if (req->received_from().seconds() == 0) req->clear_received_from();
  if (req->received_to().seconds() == 0) req->clear_received_to();
  return 0;
}

int PrintCases(v1::RecordService::Stub& stub, const Clients& c, v1::ListCasesRequest req) {
  req.set_page_size(absl::GetFlag(FLAGS_page_size));
  req.set_page_token(absl::GetFlag(FLAGS_page_token));
  v1::ListCasesResponse out;
  if (int rc = Report(stub.ListCases(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  for (const auto& s : out.cases()) {
    std::cout << absl::StrFormat(
        "%-18s %s %-5s %-11s %-15s %-22s %-7s %s%s%s%s\n", s.case_id(),
        FormatLocal(s.received_at()), SideLabel(s.side_received()), CaseStatusLabel(s.status()),
        DispositionLabel(s.disposition()), s.item().empty() ? "-" : s.item(), s.district(),
        absl::StrJoin(s.destinations(), ","), s.overdue() ? "  ⚠ overdue" : "",
        s.under_supervision() ? "  督办" : "", s.needs_review() ? "  needs review" : "");
  }
  std::cout << out.cases_size() << " cases";
  if (!out.next_page_token().empty()) std::cout << "; more: --page_token " << out.next_page_token();
  std::cout << "\n";
  return 0;
}

// day: since midnight in the service time zone; week: the last 7 days from midnight; month: since
// the 1st.
int KpiWindow(const char* line, v1::GetKpisRequest* req) {
  if (int rc = ReadWindow(line, req->mutable_from(), req->mutable_to())) return rc;
  if (req->from().seconds() != 0) return 0;
  const absl::TimeZone tz = ServiceTimeZone();
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), tz);
  const std::string period = absl::GetFlag(FLAGS_period);
  absl::CivilDay start = today;
  if (period == "week") {
    start = today - 6;
  } else if (period == "month") {
    start = absl::CivilDay(absl::CivilMonth(today));
  } else if (period != "day") {
    return Usage(line, "--period: day, week or month (or --from/--to)");
  }
  *req->mutable_from() = ToProto(absl::FromCivil(start, tz));
  return 0;
}

}  // namespace

int Cases(Clients& c, const Args&) {
  constexpr char kLine[] =
      "cases [--side --status --destination --district --item --phone "
      "--address --text --from --to --overdue --supervised --needs_review]";
  v1::ListCasesRequest req;
  if (int rc = CaseFilters(kLine, &req)) return rc;
  auto stub = RecordStub(c);
  return PrintCases(*stub, c, req);
}

int Queue(Clients& c, const Args& args) {
  constexpr char kLine[] = "queue to_sign|returned|callback|supervision [--destination D]";
  static const std::map<std::string, v1::Queue> kQueues = {
      {"to_sign", v1::QUEUE_TO_SIGN},
      {"returned", v1::QUEUE_RETURNED},
      {"callback", v1::QUEUE_AWAITING_CALLBACK},
      {"supervision", v1::QUEUE_UNDER_SUPERVISION}};
  if (args.size() != 1 || !kQueues.count(args[0])) return Usage(kLine, "which queue?");
  v1::ListCasesRequest req;
  if (int rc = CaseFilters(kLine, &req)) return rc;
  req.set_queue(kQueues.at(args[0]));
  auto stub = RecordStub(c);
  return PrintCases(*stub, c, req);
}

int History(Clients& c, const Args& args) {
  if (args.size() != 1) return Usage("history PHONE", "the caller's phone number");
  v1::ListCasesRequest req;
  req.set_phone(args[0]);
  auto stub = RecordStub(c);
  return PrintCases(*stub, c, req);
}

int RecordOf(Clients& c, const Args& args) {
  if (args.size() != 1) return Usage("record CASE_ID", "which case?");
  v1::GetCaseRecordRequest req;
  req.set_case_id(args[0]);
  v1::CaseRecord out;
  auto stub = RecordStub(c);
  if (int rc = Report(stub->GetCaseRecord(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  if (out.has_snapshot()) PrintCase(out.snapshot(), std::cout);
  std::cout << "archived events (" << out.events_size() << "):\n";
  for (const auto& e : out.events()) {
    std::cout << "  " << e.event_id() << "  " << FormatLocal(e.at()) << "  " << e.type() << "  "
              << e.actor() << (e.order_id().empty() ? "" : "  " + e.order_id()) << "  "
              << e.detail() << "\n";
  }
  return 0;
}

int KpiReportCmd(Clients& c, const Args&) {
  v1::GetKpisRequest req;
  if (int rc = KpiWindow("report [--period day|week|month | --from D --to D] [--group_by G]", &req))
    return rc;
  req.set_group_by(absl::GetFlag(FLAGS_group_by));
  v1::ExportCsvRequest csv_req;
  *csv_req.mutable_kpis() = req;
  v1::CsvExport out;
  auto stub = RecordStub(c);
  if (JsonOutput()) {
    v1::KpiReport report;
    if (int rc = Report(stub->GetKpiReport(c.Context().get(), req, &report))) return rc;
    PrintJson(report, std::cout);
    return 0;
  }
  if (int rc = Report(stub->ExportCsv(c.Context().get(), csv_req, &out))) return rc;
  std::cout << out.csv();
  return 0;
}

int Export(Clients& c, const Args& args) {
  constexpr char kLine[] = "export cases [filters] | export kpi [--period …] [--group_by G]";
  if (args.size() != 1 || (args[0] != "cases" && args[0] != "kpi")) return Usage(kLine, "what?");
  v1::ExportCsvRequest req;
  if (args[0] == "cases") {
    if (int rc = CaseFilters(kLine, req.mutable_cases())) return rc;
  } else {
    if (int rc = KpiWindow(kLine, req.mutable_kpis())) return rc;
    req.mutable_kpis()->set_group_by(absl::GetFlag(FLAGS_group_by));
  }
  v1::CsvExport out;
  auto stub = RecordStub(c);
  if (int rc = Report(stub->ExportCsv(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  std::cout << out.csv();
  return 0;
}

}  // namespace liandong::desk
