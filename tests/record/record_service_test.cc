// RecordService over a real archive: filters, phone / address / text search, queues, paging,
// bad input, a case's history, KPIs equal to the feedback service's, CSV.
#include <google/protobuf/util/message_differencer.h>

#include <catch2/catch.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/time_util.h"
#include "flow_helpers.h"
#include "record_helpers.h"
#include "run_command.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

std::vector<std::string> Ids(v1::RecordService::Stub& record, const v1::ListCasesRequest& req) {
  v1::ListCasesResponse out;
  const grpc::Status st = record.ListCases(Ctx(Supervisor()).get(), req, &out);
  INFO(st.error_message());
  REQUIRE(st.ok());
  std::vector<std::string> ids;
  for (const auto& c : out.cases()) ids.push_back(c.case_id());
  return ids;
}

grpc::Status ListStatus(v1::RecordService::Stub& record, const v1::ListCasesRequest& req) {
  v1::ListCasesResponse out;
  return record.ListCases(Ctx(Supervisor()).get(), req, &out);
}

v1::Case Confirmed(Suite& s, const CallSpec& spec) {
  return Confirm(s, SubmitSpec(s, spec).case_id());
}

}  // namespace

TEST_CASE("record service: lists, search, queues, paging, history, KPIs and CSV") {
  Suite s;
  PostgresServer pg;
  ArchiverProcess a(s.redis_server().address(), pg.conninfo());
  auto& record = a.record();

  const v1::Case c1 = Confirmed(s, {v1::SIDE_12345, "小区停水两天了，一直没来水", "13800000001",
                                    "和平区胜利路新华街5号", "120101"});
  const v1::Case c2 = Confirmed(
      s, {v1::SIDE_110, "路灯坏了好几天，晚上很黑", "13900000002", "河西区友谊路10号", "120103"});
  const v1::Case c3 = SubmitSpec(s, {v1::SIDE_12345, "楼下噪音很大，天天施工到半夜",
                                     "139-0000-0002", "南开区鞍山西道3号", "120104"});
  const v1::Case c4 = Confirmed(s, {v1::SIDE_12345, "我们楼停水了，什么时候来水", "13700000004",
                                    "和平区南京路8号", "120101"});
  const v1::Case c5 = Confirmed(
      s, {v1::SIDE_12345, "家里停水一整天了", "13700000005", "红桥区光荣道2号", "120106"});
  REQUIRE(c1.orders_size() == 1);
  REQUIRE(c4.orders_size() == 1);
  REQUIRE(c5.orders_size() == 1);
  {
    v1::ReturnOrderRequest ret;
    ret.set_order_id(c4.orders(0).order_id());
    ret.set_destination(c4.orders(0).destination());
    ret.set_signer("agent-9");
    ret.set_reason_code("wrong_district");
    ret.set_reason("不属于本辖区");
    v1::WorkOrder out;
    REQUIRE(s.dispatch()
                .ReturnOrder(Ctx(WorkerOf(c4.orders(0).destination(), "agent-9")).get(), ret, &out)
                .ok());
  }
  // Quotes, backslashes, commas and braces survive the batch's array encoding unchanged.
  const std::string result = "已恢复供水 \"引号\" \\反斜杠, {括号} NULL";
  Resolve(s, Sign(s, c5.orders(0)), result);
  REQUIRE(WaitArchived(s, pg, 20));

  v1::ListCasesRequest req;
  {  // filters, search and queues
    req.Clear();
    req.set_phone("13900000002");
    CHECK(Ids(record, req) == std::vector<std::string>{c3.case_id(), c2.case_id()});
    req.set_phone("139 0000 0002");  // the digits decide
    CHECK(Ids(record, req) == std::vector<std::string>{c3.case_id(), c2.case_id()});
    req.Clear();
    req.set_address_contains("胜利路");
    CHECK(Ids(record, req) == std::vector<std::string>{c1.case_id()});
    req.Clear();
    req.set_text_contains("噪音");
    CHECK(Ids(record, req) == std::vector<std::string>{c3.case_id()});
    req.Clear();
    req.set_side(v1::SIDE_110);
    CHECK(Ids(record, req) == std::vector<std::string>{c2.case_id()});
    req.Clear();
    req.set_district("120101");
    CHECK(Ids(record, req) == std::vector<std::string>{c4.case_id(), c1.case_id()});
    req.Clear();
    req.set_queue(v1::QUEUE_TO_SIGN);
    req.set_destination(c1.orders(0).destination());
    CHECK(Ids(record, req) == std::vector<std::string>{c1.case_id()});
    req.Clear();
    req.set_queue(v1::QUEUE_RETURNED);
    CHECK(Ids(record, req) == std::vector<std::string>{c4.case_id()});
    req.Clear();
    req.set_queue(v1::QUEUE_AWAITING_CALLBACK);
    CHECK(Ids(record, req) == std::vector<std::string>{c5.case_id()});
    req.Clear();
    req.set_status(v1::CASE_TRIAGED);
    CHECK(Ids(record, req) == std::vector<std::string>{c3.case_id()});
    // The phone is never in a searchable column, only its keyed hash.
    CHECK(absl::StripAsciiWhitespace(pg.Query(
              "SELECT count(*) FROM cases WHERE position('13900000002' in address || text || "
              "case_id || coalesce(encode(phone_hash, 'hex'), '')) > 0")) == "0");
  }
  {  // paging is stable and complete
    req.Clear();
    const auto all = Ids(record, req);
    REQUIRE(all.size() == 5);
    std::vector<std::string> paged;
    req.set_page_size(2);
    for (int pages = 0; pages < 10; ++pages) {
      v1::ListCasesResponse out;
      REQUIRE(record.ListCases(Ctx(Supervisor()).get(), req, &out).ok());
      for (const auto& c : out.cases()) paged.push_back(c.case_id());
      if (out.next_page_token().empty()) break;
      req.set_page_token(out.next_page_token());
    }
    CHECK(paged == all);
  }
  {  // bad input names the field
    req.Clear();
    req.set_page_size(-1);
    grpc::Status st = ListStatus(record, req);
    CHECK(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(absl::StrContains(st.error_message(), "page_size"));
    req.Clear();
    req.set_page_token("not-a-token");
    st = ListStatus(record, req);
    CHECK(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(absl::StrContains(st.error_message(), "page_token"));
    req.Clear();
    req.set_phone("abc");
    st = ListStatus(record, req);
    CHECK(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(absl::StrContains(st.error_message(), "phone"));
    req.Clear();
    *req.mutable_received_from() = liandong::ToProto(absl::Now());
    *req.mutable_received_to() = liandong::ToProto(absl::Now() - absl::Hours(1));
    st = ListStatus(record, req);
    CHECK(absl::StrContains(st.error_message(), "received_to"));
    v1::GetCaseRecordRequest get;
    get.set_case_id("LD20000101-000001");
    v1::CaseRecord rec;
    CHECK(record.GetCaseRecord(Ctx(Supervisor()).get(), get, &rec).error_code() ==
          grpc::StatusCode::NOT_FOUND);
  }
  {  // a case's history, KPIs equal to feedback's, CSV
    req.Clear();
    v1::GetCaseRecordRequest get;
    get.set_case_id(c5.case_id());
    v1::CaseRecord rec;
    REQUIRE(record.GetCaseRecord(Ctx(Supervisor()).get(), get, &rec).ok());
    std::vector<std::string> types;
    for (const auto& e : rec.events()) types.push_back(e.type());
    CHECK(types == TimelineTypes(GetCase(s, c5.case_id())));
    CHECK(rec.events(0).fields().at("case_id") == c5.case_id());
    bool resolved_seen = false;
    for (const auto& e : rec.events()) {
      if (e.type() != "resolved") continue;
      resolved_seen = true;
      CHECK(e.detail() == result);
      CHECK(e.fields().at("detail") == result);
    }
    CHECK(resolved_seen);

    v1::GetKpisRequest kreq;
    *kreq.mutable_from() = liandong::ToProto(absl::Now() - absl::Hours(1));
    *kreq.mutable_to() = liandong::ToProto(absl::Now());  // past: both judge deadlines at `to`
    for (const char* by : {"", "direction", "district", "item", "agency", "category"}) {
      kreq.set_group_by(by);
      v1::KpiReport from_redis, from_record;
      REQUIRE(s.feedback().GetKpis(Ctx(Supervisor()).get(), kreq, &from_redis).ok());
      REQUIRE(record.GetKpiReport(Ctx(Supervisor()).get(), kreq, &from_record).ok());
      INFO(by << "\n" << from_redis.DebugString() << "\n" << from_record.DebugString());
      CHECK(google::protobuf::util::MessageDifferencer::Equals(from_redis, from_record));
    }
    kreq.set_group_by("");
    v1::KpiReport total;
    REQUIRE(record.GetKpiReport(Ctx(Supervisor()).get(), kreq, &total).ok());
    CHECK(total.total().calls() == 5);

    v1::ExportCsvRequest ereq;
    ereq.mutable_cases()->set_side(v1::SIDE_12345);
    v1::CsvExport csv;
    REQUIRE(record.ExportCsv(Ctx(Supervisor()).get(), ereq, &csv).ok());
    CHECK(csv.rows() == 4);
    CHECK(absl::StartsWith(csv.csv(), "case_id,received_at,"));
    CHECK(absl::StrContains(csv.csv(), c1.case_id()));
    ereq.mutable_kpis()->set_group_by("district");
    REQUIRE(record.ExportCsv(Ctx(Supervisor()).get(), ereq, &csv).ok());
    CHECK(absl::StartsWith(csv.csv(), "group,calls,"));
    CHECK(absl::StrContains(csv.csv(), "\r\nall,5,"));
  }
  {  // the desk's record commands, as a supervisor runs them
    const std::string desk = std::string(LIANDONG_DESK_BIN) + " --record " + a.address() + " " +
                             TestPki::Get().ClientFlags(Supervisor("sup-desk")) + " ";
    int code = -1;
    std::string out = RunCommand(desk + "history 13900000002 --json", &code);
    CHECK(code == 0);
    CHECK(absl::StrContains(out, c2.case_id()));
    CHECK(absl::StrContains(out, c3.case_id()));
    out = RunCommand(desk + "queue returned", &code);
    CHECK(code == 0);
    CHECK(absl::StrContains(out, c4.case_id()));
    CHECK(absl::StrContains(out, "1 cases"));
    out = RunCommand(desk + "record " + c5.case_id(), &code);
    CHECK(code == 0);
    CHECK(absl::StrContains(out, "resolved"));
    out = RunCommand(desk + "export cases --side 12345", &code);
    CHECK(code == 0);
    CHECK(absl::StartsWith(out, "case_id,"));
    out = RunCommand(desk + "cases --page_size 900 2>&1", &code);
    CHECK(code == 1);
    CHECK(absl::StrContains(out, "page_size"));
    RunCommand(desk + "queue nonsense 2>/dev/null", &code);
    CHECK(code == 2);
  }
}
