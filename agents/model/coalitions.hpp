// Coalitions (MODEL §7.5): decision-, cooperation- and network-oriented coalitions as agents with
// their own events. They start from the scenario ([coalition.NAME]) or emerge from the agents'
// state; they meet (CoalitionMeeting events on the queue), move knowledge and trust between
// members, progress through forming → visioning → executing → scaling, lose members, switch form
// and dissolve. Their effects on farmers enter the pipeline and the utility through the monthly
// CoalitionView (awareness e_coal, the norm, pooled investment, the fast track), never around them.
// Everything here happens as if in event order: a large coalition's passes over its members are
// split over the threads (RunSettings::coalition_member_grain), each member's update its own, and
// a day's meetings are opened side by side where they touch only their own members, recruitment
// following in event order (meet_day, coalition_meeting_day.cpp); results do not depend on the
// thread count.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "agents/model/month_context.hpp"
#include "agents/model/review.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/coalitions.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

class CoalitionModel {
 public:
  explicit CoalitionModel(const Scenario& scenario);

  // Starts declared coalition `declaration` (its start day has come): invites farmers by its rule.
  // Returns the new coalition's id.
  std::uint32_t start_declared(std::size_t declaration, sim::Day day, Farmers& farmers);

  // The month's initiatives (MODEL §7.5): a government whose scheme lags starts a decision-oriented
  // coalition; farmers who trust each other start a cooperation; a front-runner starts a network.
  // Returns the ids of the coalitions started (their first meeting is to be scheduled).
  std::vector<std::uint32_t> initiatives(sim::Day day, Farmers& farmers, const InstitutionState& institutions,
                                         const MonthContext& month);

  // One meeting of coalition c. Returns the day of its next meeting, or -1 when it has dissolved.
  sim::Day meet(std::uint32_t c, sim::Day day, Farmers& farmers, const InstitutionState& institutions);
  // The meetings of one day, in event order (one batch of meeting events): the day of each one's
  // next meeting, or -1, as meet() one after the other gives them. Runs of meetings that touch
  // only their own members until they recruit meet side by side (coalition_meeting_day.cpp).
  std::vector<sim::Day> meet_day(const std::vector<std::uint32_t>& coalitions, sim::Day day, Farmers& farmers,
                                 const InstitutionState& institutions);

  // A government's policy reversed at an election: decision coalitions it directs collapse or
  // weaken; it leaves the cooperations it partners and stops facilitating networks.
  void policy_reversed(std::uint8_t government, sim::Day day, Farmers& farmers);

  // What the farmer review reads this month (one view per coalition).
  void fill_views(MonthContext& month) const;

  // Staff capacity used by government g (sum of its roles' costs) and the factor that slows its
  // coalitions when it is over capacity: min(1, capacity / load).
  double capacity_used(std::size_t government) const;
  double capacity_factor(std::size_t government) const;

  sim::Day meeting_interval_days(std::uint32_t c) const;
  // Project knowledge each coalition's meetings draw on (KnowledgeModel::coalition_sources), by id.
  void set_knowledge_sources(const std::vector<float>* sources) { knowledge_sources_ = sources; }
  const Coalitions& state() const { return coalitions_; }
  // Counts since the last call (for the monthly record): formed, dissolved, switched-out by form.
  struct MonthCounts {
    std::array<std::int64_t, coalition_form_count> formed{}, dissolved{}, switched{};
  };
  MonthCounts take_month_counts() { return std::exchange(month_counts_, MonthCounts{}); }

 private:
  std::uint32_t create(CoalitionForm form, std::uint8_t practice, Initiator initiator, std::uint32_t initiator_id,
                       std::uint8_t government, GovernmentRole role, sim::Day day);
  // One meeting: opened (open_meeting: everything up to its recruitment), then closed (its
  // recruitment, a switch of form, the next meeting's day).
  struct Meeting {
    std::uint32_t coalition = 0;
    bool ended = false;  // dissolved, or no meeting held: `next` is the outcome
    sim::Day next = -1;
    bool recruits = false;                  // the meeting recruits: a network, or a coalition forming or scaling
    std::vector<std::uint32_t> attendees;
    std::vector<std::uint32_t> freed;       // members who left and are free to join another coalition
    std::vector<std::uint32_t> candidates;  // whom the recruitment may take, in its order
    std::vector<double> uniforms;           // a network's draws for them
    // Ready for coalition c's meeting (the lists keep their memory).
    void start(std::uint32_t c) {
      coalition = c;
      ended = recruits = false;
      freed.clear();
    }
  };
  // The farmers freed by the opened meetings of a group, each with the meeting's place in the group.
  struct FreedInGroup {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_farmer;  // (farmer, place), ascending
    // Whether `farmer` was freed by a meeting after the one at `place` (one at a time, it would
    // still be that meeting's member when the one at `place` recruits).
    bool later_than(std::uint32_t farmer, std::size_t place) const;
  };
  void open_meeting(Meeting& meeting, sim::Day day, Farmers& farmers, const InstitutionState& institutions);
  // `freed`: nullptr for a meeting held alone (taking follows listing at once).
  void list_recruits(std::uint32_t c, const std::vector<std::uint32_t>& callers, std::size_t place,
                     const FreedInGroup* freed, sim::Day day, const Farmers& farmers, Meeting& meeting) const;
  void take_recruits(Meeting& meeting, Farmers& farmers);
  sim::Day close_meeting(Meeting& meeting, sim::Day day, Farmers& farmers, const InstitutionState& institutions);
  // Whether coalition c's meeting may be opened side by side with others of the day: until it
  // recruits it reads and changes only its own members' rows and its own record.
  bool meets_side_by_side(std::uint32_t c) const;
  // Whether c takes up staff capacity of a government (it is served by one).
  bool loads_a_government(std::uint32_t c) const;
  void join(std::uint32_t c, std::uint32_t farmer, Farmers& farmers);
  // How a member leaves a cooperation: not at all, without blame (the farm exited), or as a defection.
  enum class Leaving : std::uint8_t { stays, exits, defects };
  // Everyone whose `how[m]` is not `stays` leaves, as if one at a time from the last member to the first.
  // `freed`, when given, gets the members who left and are now free to join another coalition.
  void leave(std::uint32_t c, const std::vector<Leaving>& how, Farmers& farmers, std::vector<std::uint32_t>* freed);
  void remove_drifted(std::uint32_t c, sim::Day day, double p_drift, Farmers& farmers, std::vector<std::uint32_t>* freed);
  void dissolve(std::uint32_t c, sim::Day day, CoalitionEnd reason, Farmers& farmers,
                std::vector<std::uint32_t>* freed = nullptr);
  void switch_form(std::uint32_t c, CoalitionForm to, sim::Day day);
  std::uint8_t government_for(std::size_t practice, std::uint8_t region, const MonthContext& month) const;
  // A declared coalition whose farmers are a party to the deal (coalition.*.farmers_at_table).
  bool farmers_party(std::uint32_t c) const;
  bool accepts(std::uint32_t c, std::uint32_t farmer, sim::Day day, const Farmers& farmers) const;
  // Invites farms of the regions in `area` only; the coalition's own region gives the centre.
  void invite(std::uint32_t c, std::int64_t count, InviteRule rule, RegionMask area, sim::Day day, Farmers& farmers);
  void ask_again(std::uint32_t c, sim::Day day, Farmers& farmers);
  void progress(std::uint32_t c, sim::Day day, double months, double capacity);
  void consider_switch(std::uint32_t c, sim::Day day, const InstitutionState& institutions);
  void pay_pooled_investments(std::uint32_t c, sim::Day since, Farmers& farmers);
  void draw_up_business_plans(std::uint32_t c, sim::Day day, double months, Farmers& farmers,
                              const InstitutionState& institutions);
  double role_cost(GovernmentRole role) const;
  bool has_capacity(std::uint8_t government, GovernmentRole role) const;
  // Every government's load, summed again only after a coalition was created or dissolved or a
  // government's role in one changed (the only things it depends on): each meeting and initiative
  // asks for it, and a scan over every coalition ever formed each time was a serial cost at a
  // million farms (issue 16). The same sums, in coalition order.
  void roles_changed() { load_stale_ = true; }

  const Scenario& scenario_;
  Coalitions coalitions_;
  std::vector<sim::Day> last_meeting_;            // per coalition
  std::vector<std::vector<std::uint32_t>> refused_;  // per coalition with farmers at the table: who said no
  std::vector<std::uint8_t> scheme_checked_;      // per scheme: its government has judged its uptake
  MonthCounts month_counts_;
  const std::vector<float>* knowledge_sources_ = nullptr;
  Meeting alone_;                            // a meeting held one at a time (reused)
  std::vector<Meeting> group_;               // a group of meetings side by side (reused)
  std::vector<std::uint8_t> in_group_;       // per coalition: in the group being formed
  mutable std::vector<double> load_by_government_;
  mutable bool load_stale_ = true;
};

}  // namespace kringloop::agents
