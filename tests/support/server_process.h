// The real pwis-server binary as a child process, for tests that must see
// what a deployment sees (a crash is a dead process, not a failed
// assertion): started on free ports, waited for until it serves, and
// stopped with SIGTERM.
#ifndef PWIS_TESTS_SUPPORT_SERVER_PROCESS_H_
#define PWIS_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace pwis::testing {

// A TCP port on 127.0.0.1 nobody listens on (at the time of asking).
int FreePort();

class ServerProcess {
 public:
  // Starts `binary` with --database_url, --grpc_port, --http_port,
  // --listen_host=127.0.0.1, --http_access_log=false and `extra_flags`, and
  // waits up to 10 s for gRPC health to report SERVING (running() is false
  // if it never did).
  // `extra_flags` come last (so they override the defaults above);
  // `stderr_path`, when set, receives the process's stderr.
  ServerProcess(const std::string& binary, const std::string& database_url,
                const std::vector<std::string>& extra_flags = {},
                const std::string& stderr_path = "");
  // SIGKILL if still running.
  ~ServerProcess();

  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }
  pid_t pid() const { return pid_; }

  // True while the process has not exited.
  bool running();
  // SIGTERM, then waits up to `seconds` for the exit; the wait status, or
  // -1 if it had to be killed.
  int Stop(int seconds = 10);

 private:
  pid_t pid_ = -1;
  int grpc_port_;
  int http_port_;
  int exit_status_ = 0;
  bool exited_ = false;
};

// True if gRPC health on 127.0.0.1:port answers SERVING within 500 ms.
bool Serving(int port);

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_SERVER_PROCESS_H_
