#pragma once

#include "auth/authorizer.h"
#include "liandong/v1/record.grpc.pb.h"
#include "record/pg_client.h"
#include "record/record_queries.h"

namespace liandong::archiver {

// The gRPC edge of the record: translation only (RecordQueries, KpisFromRecord, csv_export).
class RecordServiceImpl final : public v1::RecordService::Service {
 public:
  RecordServiceImpl(record::PgPool& pool, record::RecordQueries& queries,
                    const auth::Authorizer& authz)
      : pool_(pool), queries_(queries), authz_(authz) {}

  grpc::Status ListCases(grpc::ServerContext*, const v1::ListCasesRequest* req,
                         v1::ListCasesResponse* out) override;
  grpc::Status GetCaseRecord(grpc::ServerContext*, const v1::GetCaseRecordRequest* req,
                             v1::CaseRecord* out) override;
  grpc::Status GetKpiReport(grpc::ServerContext*, const v1::GetKpisRequest* req,
                            v1::KpiReport* out) override;
  grpc::Status ExportCsv(grpc::ServerContext*, const v1::ExportCsvRequest* req,
                         v1::CsvExport* out) override;

 private:
  record::PgPool& pool_;
  record::RecordQueries& queries_;
  const auth::Authorizer& authz_;
};

}  // namespace liandong::archiver
