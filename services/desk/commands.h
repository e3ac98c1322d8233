#pragma once

#include <map>
#include <string>
#include <vector>

#include "desk_clients.h"

namespace liandong::desk {

// Each command takes the positional arguments after its name and returns the exit code:
// 0 done, 1 the service refused, 2 bad usage.
using Args = std::vector<std::string>;

int Submit(Clients& c, const Args& args);
int Confirm(Clients& c, const Args& args);
int Show(Clients& c, const Args& args);
int Callback(Clients& c, const Args& args);
int Close(Clients& c, const Args& args);
int Outcomes(Clients& c, const Args& args);

int Watch(Clients& c, const Args& args);
int Sign(Clients& c, const Args& args);
int Return(Clients& c, const Args& args);
int Progress(Clients& c, const Args& args);
int Resolve(Clients& c, const Args& args);
int Destinations(Clients& c, const Args& args);
int Health(Clients& c, const Args& args);

int Kpi(Clients& c, const Args& args);
int Attention(Clients& c, const Args& args);
int Reopen(Clients& c, const Args& args);
int Extend(Clients& c, const Args& args);

// Over the system of record (RecordService, liandong-archiver): record_commands.cc.
int Cases(Clients& c, const Args& args);
int Queue(Clients& c, const Args& args);
int History(Clients& c, const Args& args);
int RecordOf(Clients& c, const Args& args);
int KpiReportCmd(Clients& c, const Args& args);
int Export(Clients& c, const Args& args);
inline const std::map<std::string, int (*)(Clients&, const Args&)> kRecordCommands = {
    {"cases", Cases},     {"queue", Queue},         {"history", History},
    {"record", RecordOf}, {"report", KpiReportCmd}, {"export", Export}};

// "usage: liandong-desk <line>" on stderr; returns 2.
int Usage(const std::string& line, const std::string& problem);

}  // namespace liandong::desk
