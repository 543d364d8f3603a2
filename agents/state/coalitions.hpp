// Coalition state (MODEL §2 Coalition, §7.5) as a compact table: one row per coalition ever formed,
// columns as vectors (structure of arrays), so thousands of coalitions at a million farmers cost
// a few hundred kilobytes. Member lists are per coalition (only meetings walk them); a farmer's
// side is one coalition id in Farmers::coalition (a farmer is in at most one coalition at a time:
// assumption — a farmer's time for collective work is limited).
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "sim/time.hpp"

namespace kringloop::agents {

inline constexpr std::uint32_t no_coalition = 0xFFFFFFFFu;

enum class CoalitionPhase : std::uint8_t { forming, visioning, executing, scaling, dissolved };
inline constexpr std::size_t coalition_phase_count = 5;
inline constexpr std::array<const char*, coalition_phase_count> coalition_phase_names{"forming", "visioning", "executing",
                                                                                      "scaling", "dissolved"};

enum class GovernmentRole : std::uint8_t { none, director, partner, facilitator };

enum class CoalitionEnd : std::uint8_t { running, director_reversal, members_left, faded, programme_end };
inline constexpr std::array<const char*, 5> coalition_end_names{"running", "director_reversal", "members_left", "faded",
                                                                "programme_end"};

// Who started it.
enum class Initiator : std::uint8_t { scenario, government, farmers, front_runner };
inline constexpr std::array<const char*, 4> initiator_names{"scenario", "government", "farmers", "front_runner"};

struct FormSwitch {
  std::uint32_t coalition;
  sim::Day day;
  CoalitionForm from, to;
};

struct Coalitions {
  // Identity.
  std::vector<CoalitionForm> form;
  std::vector<CoalitionForm> initial_form;
  std::vector<std::uint8_t> goal_practice;
  std::vector<std::uint8_t> region;            // initiator's region (farmers), or the first the director's area covers
  std::vector<Initiator> initiator;
  std::vector<std::uint32_t> initiator_id;     // farmer (farmers, front_runner), government, or declaration index
  std::vector<std::uint8_t> government;        // the government taking part, or no_index
  std::vector<GovernmentRole> role;            // its role
  std::vector<std::uint32_t> institution_members;  // bit k: institution k is a core partner
  std::vector<std::uint8_t> chain_member;      // a chain partner (or resources) joined
  std::vector<std::uint16_t> sounding_board;   // organisations informed, without veto
  // Dynamics.
  std::vector<CoalitionPhase> phase;
  std::vector<float> internal_trust, commitment, progress;
  std::vector<double> pool_eur;                // pooled budget left
  std::vector<sim::Day> created_day, ended_day, executing_day, phase_day;
  std::vector<CoalitionEnd> end_reason;
  std::vector<std::uint8_t> missed_meetings;
  std::vector<std::uint32_t> peak_members;
  std::vector<float> adopted_share;            // members that adopted the goal practice (last meeting)
  std::vector<std::int32_t> declaration;       // index in Scenario::coalitions, or -1
  std::vector<std::uint32_t> invited;          // farmers invited (decision form: approached)
  std::vector<double> plan_credit;             // the bureau's capacity not yet used, in plans (≤ max(a year's, 1))
  std::vector<std::uint32_t> business_plans;   // business plans drawn up for members
  // Members (farmers), in joining order, with each member's give − take balance (cooperation).
  std::vector<std::vector<std::uint32_t>> members;
  std::vector<std::vector<float>> balance;
  std::vector<FormSwitch> switches;            // form history, in switching order
  // Declared coalitions: every farmer that ever joined (the cohort a programme manager follows).
  std::vector<std::vector<std::uint32_t>> cohort;

  std::size_t size() const { return form.size(); }
  bool active(std::size_t c) const { return phase[c] != CoalitionPhase::dissolved; }
  // Members act on the goal once the coalition has met as a group (visioning onwards).
  bool effective(std::size_t c) const {
    return phase[c] == CoalitionPhase::visioning || phase[c] == CoalitionPhase::executing ||
           phase[c] == CoalitionPhase::scaling;
  }
};

}  // namespace kringloop::agents
