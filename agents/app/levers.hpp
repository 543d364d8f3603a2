// Levers that may change while a run is under way (issue 12): a scheme's announced and actual lead
// time, a landlord's lease terms, a government's chance to reverse its policy. The same code applies
// them for `kringloop run --lever MONTH:KEY=VALUE` and for the server, always at a month boundary
// (before the month's farm review), so a run with the same scenario, seed and lever changes gives the
// same datasets from either front end.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agents/app/run_request.hpp"
#include "agents/model/model.hpp"

namespace kringloop::agents {

struct LeverChange {
  int month = 0;  // applied before this month's review (0 = from the start)
  std::string key;
  std::string value;
};

// "MONTH:KEY=VALUE" as given to `run --lever`. Throws ConfigError naming the text.
LeverChange parse_lever_option(const std::string& text);

// The key patterns that may change mid-run, for messages and the API ("scheme.*.announced_lead_time_days").
const std::vector<std::string>& mid_run_lever_patterns();

// A scenario whose levers change during the run. The Model holds a reference to scenario(): it must
// stay where it is (no copy or move of this object while a run uses it).
class LiveScenario {
 public:
  explicit LiveScenario(const RunRequest& request);
  LiveScenario(const LiveScenario&) = delete;
  LiveScenario& operator=(const LiveScenario&) = delete;

  const LoadedScenario& loaded() const { return loaded_; }
  const Scenario& scenario() const { return loaded_.scenario; }

  // Throws ConfigError (the registry's message, or why the key is no mid-run lever, or a month
  // outside the run) without changing anything.
  void check(const LeverChange& change) const;
  // Checks, then changes the lever in scenario() and records the change. Call only between months.
  void apply(const LeverChange& change);
  const std::vector<LeverChange>& applied() const { return applied_; }
  // "month 24: scheme.a.announced_lead_time_days = 30; ..." for the run file's `lever_changes`.
  std::string applied_text() const;

 private:
  LoadedScenario reload_with(const LeverChange& change) const;
  RunRequest request_;
  LoadedScenario loaded_;
  std::vector<LeverChange> applied_;
};

// A BetweenBatches hook that calls `at_boundary(model, months_done)` once after each month is
// recorded (months_done = months recorded so far). Changes for month 0 are applied before the run.
BetweenBatches month_boundary_hook(std::function<void(const Model&, int months_done)> at_boundary);

}  // namespace kringloop::agents
