// The HTTP API of `kringloop serve` (docs/API.md): JSON in and out, every failure mapped to a
// status with one clear message — 400 for malformed JSON, unknown keys and values the registry
// refuses (its own message), 404 for unknown runs and paths, 409 for a command the run's state does
// not allow, 429 when the server is full.
#pragma once
#include <memory>
#include <string>

#include "agents/app/serve/run_table.hpp"
#include "sim/server/http_types.hpp"

namespace kringloop::agents::serve {

class ApiRoutes {
 public:
  explicit ApiRoutes(RunTable& runs) : runs_(runs) {}
  sim::server::Response handle(const sim::server::Request& request);
  // The frames of /api/runs/N/frames, or nullptr.
  std::shared_ptr<sim::server::Broadcast> stream(const std::string& path) const;

 private:
  sim::server::Response start_run(const std::string& body);
  sim::server::Response run_command(LiveRun& run, const std::string& command, const std::string& method,
                                    const std::string& body);
  RunTable& runs_;
};

}  // namespace kringloop::agents::serve
