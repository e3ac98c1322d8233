// The authorization table: who may call what, on which scope. This file is policy as data;
// every service enforces it through Authorizer, the security tests iterate it, and
// `liandong-admin roles` prints it into docs/security.md.
#include "auth/roles_table.h"

namespace liandong::auth {
namespace {

constexpr Role kOp = Role::kOperator;
constexpr Role kDuty = Role::kDutyOfficer;
constexpr Role kSup = Role::kSupervisor;
constexpr Role kAgency = Role::kAgency;
constexpr Role kCitizen = Role::kCitizen;
constexpr Role kAdmin = Role::kAdmin;
constexpr Role kSvc = Role::kService;
constexpr Scope kAny = Scope::kAny;
constexpr Scope kSide = Scope::kOwnSide;
constexpr Scope kOwnAgency = Scope::kOwnAgency;

}  // namespace

absl::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kAny:
      return "any";
    case Scope::kOwnSide:
      return "own side";
    case Scope::kOwnAgency:
      return "own agency";
  }
  return "?";
}

const std::vector<Permission>& RolesTable() {
  static const auto* table = new std::vector<Permission>{
      // Intake: calls arrive at a desk; the service role is the suite's own processes.
      {kOp, "IntakeService.SubmitCall", kSide},
      {kDuty, "IntakeService.SubmitCall", kSide},
      {kSvc, "IntakeService.SubmitCall", kAny},
      {kOp, "IntakeService.ConfirmTriage", kSide},
      {kDuty, "IntakeService.ConfirmTriage", kSide},
      {kSup, "IntakeService.ConfirmTriage", kAny},
      {kOp, "IntakeService.GetCase", kSide},
      {kDuty, "IntakeService.GetCase", kSide},
      {kSup, "IntakeService.GetCase", kAny},
      {kAgency, "IntakeService.GetCase", kOwnAgency},
      {kSvc, "IntakeService.GetCase", kAny},
      // Classification: a suggestion reveals nothing about any case.
      {kOp, "ClassificationService.Classify", kAny},
      {kDuty, "ClassificationService.Classify", kAny},
      {kSup, "ClassificationService.Classify", kAny},
      {kSvc, "ClassificationService.Classify", kAny},
      {kOp, "ClassificationService.GetRuleTableInfo", kAny},
      {kDuty, "ClassificationService.GetRuleTableInfo", kAny},
      {kSup, "ClassificationService.GetRuleTableInfo", kAny},
      {kAgency, "ClassificationService.GetRuleTableInfo", kAny},
      {kCitizen, "ClassificationService.GetRuleTableInfo", kAny},
      {kAdmin, "ClassificationService.GetRuleTableInfo", kAny},
      {kSvc, "ClassificationService.GetRuleTableInfo", kAny},
      // Dispatch: orders are created only by intake; each destination works only its stream.
      {kSvc, "DispatchService.CreateOrders", kAny},
      {kOp, "DispatchService.SubscribeOrders", kSide},
      {kAgency, "DispatchService.SubscribeOrders", kOwnAgency},
      {kOp, "DispatchService.SignOrder", kSide},
      {kAgency, "DispatchService.SignOrder", kOwnAgency},
      {kOp, "DispatchService.ReturnOrder", kSide},
      {kAgency, "DispatchService.ReturnOrder", kOwnAgency},
      {kOp, "DispatchService.ListDestinations", kAny},
      {kSup, "DispatchService.ListDestinations", kAny},
      {kAdmin, "DispatchService.ListDestinations", kAny},
      // Feedback: the destination reports; the receiving desk calls back and closes;
      // only supervisors cancel and reopen.
      {kOp, "FeedbackService.ReportProgress", kSide},
      {kAgency, "FeedbackService.ReportProgress", kOwnAgency},
      {kOp, "FeedbackService.Resolve", kSide},
      {kAgency, "FeedbackService.Resolve", kOwnAgency},
      {kOp, "FeedbackService.RequestExtension", kSide},
      {kAgency, "FeedbackService.RequestExtension", kOwnAgency},
      {kOp, "FeedbackService.RecordCallback", kSide},
      {kSup, "FeedbackService.RecordCallback", kAny},
      {kOp, "FeedbackService.CloseCase", kSide},
      {kSup, "FeedbackService.CloseCase", kAny},
      {kSup, "FeedbackService.CloseCase:cancel", kAny},
      {kSup, "FeedbackService.CloseCase:merge", kAny},
      {kSup, "FeedbackService.Reopen", kAny},
      {kOp, "FeedbackService.ListAttention", kAny},
      {kSup, "FeedbackService.ListAttention", kAny},
      {kOp, "FeedbackService.GetKpis", kAny},
      {kSup, "FeedbackService.GetKpis", kAny},
      {kAdmin, "FeedbackService.GetKpis", kAny},
      {kOp, "FeedbackService.WatchOutcomes", kSide},
      {kSup, "FeedbackService.WatchOutcomes", kAny},
      {kSvc, "FeedbackService.WatchOutcomes", kAny},
      // Record (PostgreSQL): desks list and search their side's cases, agencies their own
      // orders' cases; reading a case's whole archived history and bulk export are for
      // supervisors and auditors (admin).
      {kOp, "RecordService.ListCases", kSide},
      {kDuty, "RecordService.ListCases", kSide},
      {kSup, "RecordService.ListCases", kAny},
      {kAgency, "RecordService.ListCases", kOwnAgency},
      {kSup, "RecordService.GetCaseRecord", kAny},
      {kAdmin, "RecordService.GetCaseRecord", kAny},
      {kOp, "RecordService.GetKpiReport", kAny},
      {kSup, "RecordService.GetKpiReport", kAny},
      {kAdmin, "RecordService.GetKpiReport", kAny},
      {kSup, "RecordService.ExportCsv", kAny},
      {kAdmin, "RecordService.ExportCsv", kAny},
  };
  return *table;
}

const Permission* FindPermission(Role role, absl::string_view action) {
  for (const Permission& p : RolesTable()) {
    if (p.role == role && p.action == action) return &p;
  }
  return nullptr;
}

}  // namespace liandong::auth
