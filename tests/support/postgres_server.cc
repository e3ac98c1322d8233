#include "postgres_server.h"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "free_port.h"
#include "run_command.h"

namespace liandong::testing {
namespace {

constexpr char kBin[] = "/usr/lib/postgresql/15/bin/";

// Single quotes for sh.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

}  // namespace

std::string PostgresServer::AsPostgres(const std::string& command) const {
  if (geteuid() != 0) return command;
  return "runuser -u postgres -- " + command;
}

PostgresServer::PostgresServer() : port_(FreePort()) {
  if (geteuid() == 0) RunCommand("chown postgres " + Quote(dir_.path()));
  int code = 0;
  const std::string out =
      RunCommand(AsPostgres(std::string(kBin) + "initdb -D " + Quote(dir_.File("data")) +
                            " -A trust -U ld -E UTF8 --locale=C.UTF-8 --no-sync >" +
                            Quote(dir_.File("initdb.log")) + " 2>&1"),
                 &code);
  if (code != 0) throw std::runtime_error("initdb failed: " + Log());
  Start();
  RunCommand(std::string(kBin) + "createdb -h 127.0.0.1 -p " + std::to_string(port_) +
                 " -U ld liandong 2>&1",
             &code);
  if (code != 0) throw std::runtime_error("createdb failed");
}

PostgresServer::~PostgresServer() {
  if (running_) Stop();
}

std::string PostgresServer::conninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) +
         " dbname=liandong user=ld connect_timeout=2";
}

void PostgresServer::Start() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    int code = 0;
    RunCommand(AsPostgres(std::string(kBin) + "pg_ctl -D " + Quote(dir_.File("data")) +
                          " -w -t 30 -l " + Quote(dir_.File("postgres.log")) + " -o " +
                          Quote("-p " + std::to_string(port_) + " -k " + dir_.path() +
                                " -c listen_addresses=127.0.0.1 -c fsync=off"
                                " -c full_page_writes=off -c max_connections=60") +
                          " start >/dev/null 2>&1"),
               &code);
    if (code == 0 && WaitForPort(port_, 10)) {
      running_ = true;
      return;
    }
    if (attempt == 0 && running_) break;  // a restart must keep its port
    port_ = FreePort();
  }
  throw std::runtime_error("postgres did not start: " + Log());
}

void PostgresServer::Stop() {
  RunCommand(AsPostgres(std::string(kBin) + "pg_ctl -D " + Quote(dir_.File("data")) +
                        " -m fast -w stop >/dev/null 2>&1"));
  running_ = false;
}

void PostgresServer::Kill9() {
  std::ifstream pid_file(dir_.File("data/postmaster.pid"));
  pid_t pid = 0;
  if (pid_file >> pid && pid > 0) kill(pid, SIGKILL);
  // The postmaster's children notice it is gone and exit; wait until the port is closed.
  for (int i = 0; i < 100 && WaitForPort(port_, 0); ++i) usleep(50000);
  running_ = false;
}

std::string PostgresServer::Query(const std::string& sql) const {
  return RunCommand(std::string(kBin) + "psql -X -A -t -q -h 127.0.0.1 -p " +
                    std::to_string(port_) + " -U ld -d liandong -c " + Quote(sql) + " 2>&1");
}

std::string PostgresServer::Log() const {
  std::stringstream s;
  for (const char* f : {"initdb.log", "postgres.log"}) {
    std::ifstream in(dir_.File(f));
    s << in.rdbuf();
  }
  return s.str();
}

}  // namespace liandong::testing
