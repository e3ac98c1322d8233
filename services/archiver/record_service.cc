#include "record_service.h"

#include "common/grpc_status.h"
#include "csv_export.h"
#include "record_kpis.h"

namespace liandong::archiver {
namespace {

constexpr int kMaxExportRows = 100000;
constexpr int kExportPage = 500;

}  // namespace

grpc::Status RecordServiceImpl::ListCases(grpc::ServerContext* ctx, const v1::ListCasesRequest* req,
                                          v1::ListCasesResponse* out) {
  v1::ListCasesRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "RecordService.ListCases", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  return Reply(queries_.ListCases(r), out);
}

grpc::Status RecordServiceImpl::GetCaseRecord(grpc::ServerContext* ctx,
                                              const v1::GetCaseRecordRequest* req,
                                              v1::CaseRecord* out) {
  v1::GetCaseRecordRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "RecordService.GetCaseRecord", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  grpc::Status status = Reply(queries_.GetCaseRecord(r.case_id()), out);
  if (status.ok()) grant->AuditRead(r.case_id());
  return status;
}

grpc::Status RecordServiceImpl::GetKpiReport(grpc::ServerContext* ctx,
                                             const v1::GetKpisRequest* req, v1::KpiReport* out) {
  v1::GetKpisRequest r = *req;
  auto grant = authz_.Authorize(*ctx, "RecordService.GetKpiReport", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  return Reply(KpisFromRecord(pool_, r), out);
}

grpc::Status RecordServiceImpl::ExportCsv(grpc::ServerContext* ctx,
                                          const v1::ExportCsvRequest* request, v1::CsvExport* out) {
  v1::ExportCsvRequest r = *request;
  auto grant = authz_.Authorize(*ctx, "RecordService.ExportCsv", &r);
  if (!grant.ok()) return ToGrpcStatus(grant.status());
  const v1::ExportCsvRequest* req = &r;
  if (req->has_kpis()) {
    auto report = KpisFromRecord(pool_, req->kpis());
    if (!report.ok()) return ToGrpcStatus(report.status());
    out->set_csv(KpiCsv(*report));
    out->set_rows(1 + report->rows_size());
    return grpc::Status::OK;
  }
  if (!req->has_cases()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "what: name cases or kpis");
  }
  v1::ListCasesRequest page_req = req->cases();
  if (page_req.page_size() != 0 || !page_req.page_token().empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "cases.page_size: an export takes every matching case; leave paging unset");
  }
  page_req.set_page_size(kExportPage);
  std::string csv;
  int64_t rows = 0;
  for (bool first = true;; first = false) {
    if (ctx->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
    auto page = queries_.ListCases(page_req);
    if (!page.ok()) return ToGrpcStatus(page.status());
    AppendCaseCsv(*page, first, &csv);
    rows += page->cases_size();
    if (rows > kMaxExportRows) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          "cases: more than 100000 match; narrow the filters (received_from/to)");
    }
    if (page->next_page_token().empty()) break;
    page_req.set_page_token(page->next_page_token());
  }
  out->set_csv(std::move(csv));
  out->set_rows(rows);
  return grpc::Status::OK;
}

}  // namespace liandong::archiver
