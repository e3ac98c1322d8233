#include "csv_export.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/enums.h"
#include "common/time_util.h"

namespace liandong::archiver {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void AppendCaseCsv(const v1::ListCasesResponse& page, bool header, std::string* out) {
  if (header) {
    absl::StrAppend(out,
                    "case_id,received_at,side,status,disposition,category,item,district,"
                    "destinations,needs_review,overdue,under_supervision,address,text\r\n");
  }
  for (const auto& c : page.cases()) {
    const std::vector<std::string> row = {c.case_id(),
                                          FormatLocal(c.received_at()),
                                          SideLabel(c.side_received()),
                                          CaseStatusLabel(c.status()),
                                          DispositionLabel(c.disposition()),
                                          c.category(),
                                          c.item(),
                                          c.district(),
                                          absl::StrJoin(c.destinations(), " "),
                                          c.needs_review() ? "yes" : "no",
                                          c.overdue() ? "yes" : "no",
                                          c.under_supervision() ? "yes" : "no",
                                          c.address(),
                                          c.text()};
    std::vector<std::string> fields;
    for (const auto& f : row) fields.push_back(CsvField(f));
    absl::StrAppend(out, absl::StrJoin(fields, ","), "\r\n");
  }
}

std::string KpiCsv(const v1::KpiReport& report) {
  std::string out =
      "group,calls,direct_answers,orders,signed,signed_on_time,resolved,resolved_on_time,"
      "callbacks,satisfied,reopened,on_time_sign_rate,response_rate,on_time_resolve_rate,"
      "satisfaction_rate,redo_rate,direct_answer_rate\r\n";
  auto add = [&out](const v1::KpiRow& r) {
    absl::StrAppend(&out, CsvField(r.group()), ",", r.calls(), ",", r.direct_answers(), ",",
                    r.orders(), ",", r.signed_(), ",", r.signed_on_time(), ",", r.resolved(), ",",
                    r.resolved_on_time(), ",", r.callbacks(), ",", r.satisfied(), ",", r.reopened(),
                    ",", absl::StrFormat("%.4f", r.on_time_sign_rate()), ",",
                    absl::StrFormat("%.4f", r.response_rate()), ",",
                    absl::StrFormat("%.4f", r.on_time_resolve_rate()), ",",
                    absl::StrFormat("%.4f", r.satisfaction_rate()), ",",
                    absl::StrFormat("%.4f", r.redo_rate()), ",",
                    absl::StrFormat("%.4f", r.direct_answer_rate()), "\r\n");
  };
  add(report.total());
  for (const auto& r : report.rows()) add(r);
  return out;
}

}  // namespace liandong::archiver
