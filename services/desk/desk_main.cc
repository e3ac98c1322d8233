// liandong-desk: the operators', agencies' and supervisors' command line (gRPC only).
#include <iostream>
#include <map>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "commands.h"
#include "server/time_zone_flag.h"

namespace {

constexpr char kHelp[] = R"(liandong-desk COMMAND [ARGS] [--flags]   (--json for scripts)
operators:
  submit --side 110 --text "小区停水两天了" [--phone P --address A --district D --request_id R]
  confirm CASE_ID                                  accept the suggestion
  confirm CASE_ID --disposition TRANSFER_12345 --item water_outage --reason "…"   override
  show CASE_ID                                     the case, its orders and its timeline
  outcomes --side 110 [--case_id C] [--after 0] [--seconds 30]   what became of your transfers
  callback CASE_ID --satisfaction 5 [--method phone]
  close CASE_ID
partners (agencies, the other side's desk):
  watch --destination agency:water_company --consumer replica-1 [--sign] [--count N] [--seconds S]
  sign ORDER_ID --destination agency:water_company --signer zhang
  return ORDER_ID --destination agency:water_company --signer zhang --reason_code not_our_responsibility --reason "…"
  progress ORDER_ID --destination agency:water_company --handler zhang --note "已派人"
  resolve ORDER_ID --destination agency:water_company --handler zhang --result "已修复"
supervisors:
  kpi [--hours 24] [--group_by direction|category|item|agency|district]   the policy §6 figures
  attention [--horizon_minutes 60]                 overdue and at-risk orders, supervision, escalations
  reopen CASE_ID --reason "来电人不满意"            重办: back to work, resolve clock restarts
  extend ORDER_ID --destination D --handler H --reason R   one extension (T3: 15 working days)
  close CASE_ID --close_reason not_responsible --closed_to "区法院"   (or duplicate --duplicate_of C, cancelled --note N)
the record (liandong-archiver, --record or LIANDONG_RECORD; years of history):
  cases [--side --status --destination --agency --district --item --category --from D --to D
         --phone P --address FRAGMENT --text FRAGMENT --overdue --supervised --needs_review]
  queue to_sign|returned|callback|supervision [--destination D]   the operator queues
  history PHONE                                    every case of one caller
  record CASE_ID                                   a case's archived history, event by event
  report [--period day|week|month | --from D --to D] [--group_by G]   KPI report (CSV)
  export cases [filters] | export kpi [--period …]   CSV to stdout
ops:
  destinations                                     backlog per destination: unread (lag) + unsigned (pending)
  health                                           readiness of the four services
addresses: --intake --classification --dispatch --feedback, or LIANDONG_INTAKE … in the environment
times: in --time_zone (or LIANDONG_TIME_ZONE; default Asia/Shanghai), not the terminal's TZ
)";

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kHelp);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2 || std::string(positional[1]) == "help") {
    std::cout << kHelp;
    return positional.size() < 2 ? 2 : 0;
  }
  using namespace liandong::desk;
  // Dates typed and shown at the desk are the centre's, whatever TZ the terminal has.
  if (auto zone = liandong::server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "error: " << zone.status().message() << "\n";
    return 2;
  }
  std::map<std::string, int (*)(Clients&, const Args&)> commands = {
      {"submit", Submit},     {"confirm", Confirm}, {"show", Show},
      {"callback", Callback}, {"close", Close},     {"outcomes", Outcomes},
      {"watch", Watch},       {"sign", Sign},       {"return", Return},
      {"progress", Progress}, {"resolve", Resolve}, {"destinations", Destinations},
      {"health", Health},     {"kpi", Kpi},         {"attention", Attention},
      {"reopen", Reopen},     {"extend", Extend}};
  commands.insert(kRecordCommands.begin(), kRecordCommands.end());
  auto it = commands.find(positional[1]);
  if (it == commands.end()) {
    std::cerr << "error: unknown command '" << positional[1] << "'\n\n" << kHelp;
    return 2;
  }
  Clients clients = Clients::FromFlags();
  return it->second(clients, Args(positional.begin() + 2, positional.end()));
}
