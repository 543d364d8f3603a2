// A day's coalition meetings side by side (issue 16). At a million farms some twenty coalitions
// meet on a day — half of them networks of at most network_max_members, most of the rest small
// cooperations — each waiting on one cache miss after another for its members' rows, and one
// after the other they were a tenth of a two-thread run with the second thread idle.
//
// Until it recruits, a meeting reads and changes only its own members' rows (a farmer is a member
// of one coalition at most) and its coalition's own record. Meetings of different coalitions then
// touch different rows, and whole-number counts, so in any order they leave the same state, except
// through three things, which decide what may meet side by side (meets_side_by_side):
//   - recruiting reads whether its members' neighbours are free to join; another meeting's leavers
//     become free and its recruits stop being so. Recruitment is therefore made in event order
//     after all the group's meetings are opened, and a farmer freed by a meeting later in the group
//     counts as not yet free for those before it (FreedInGroup), as one at a time he still was;
//   - a coalition a government serves reads the staff loads, which the dissolution or switch of form
//     of another such coalition moves (one no government serves adds +0 to them): a run holds at
//     most one such meeting, and the loads are summed before it opens;
//   - a network still forming recruits before it meets, and farmers at the table of a declared
//     coalition are asked again while it forms: such meetings meet alone, in their turn, as does a
//     coalition large enough to split its own passes over the threads
//     (RunSettings::coalition_member_grain).
// A population small enough for parallel_blocks to keep on the calling thread meets one at a time.
// The draws are the members' own streams of the day (coalition_meetings.cpp), the same in any order.
// So every meeting gives what it gave one after the other, on any thread count; the V12 test
// compares runs with meetings side by side and one at a time.
#include <algorithm>

#include "agents/model/coalitions.hpp"
#include "sim/parallel.hpp"

namespace kringloop::agents {

bool CoalitionModel::FreedInGroup::later_than(std::uint32_t farmer, std::size_t place) const {
  if (by_farmer.empty()) return false;
  const auto at = std::lower_bound(by_farmer.begin(), by_farmer.end(), std::pair<std::uint32_t, std::uint32_t>{farmer, 0});
  return at != by_farmer.end() && at->first == farmer && at->second > place;
}

bool CoalitionModel::loads_a_government(std::uint32_t c) const {
  return coalitions_.government[c] != no_index && coalitions_.role[c] != GovernmentRole::none;
}

bool CoalitionModel::meets_side_by_side(std::uint32_t c) const {
  if (!scenario_.run.meetings_side_by_side) return false;
  if (!coalitions_.active(c)) return true;  // returns at once
  if (coalitions_.members[c].size() > scenario_.run.coalition_member_grain) return false;
  const CoalitionPhase phase = coalitions_.phase[c];
  if (coalitions_.form[c] == CoalitionForm::network && phase == CoalitionPhase::forming) return false;
  if (farmers_party(c) && (phase == CoalitionPhase::forming || phase == CoalitionPhase::visioning)) return false;
  return true;
}

std::vector<sim::Day> CoalitionModel::meet_day(const std::vector<std::uint32_t>& coalitions, sim::Day day, Farmers& farmers,
                                               const InstitutionState& institutions) {
  std::vector<sim::Day> next(coalitions.size(), -1);
  // A population that parallel_blocks keeps on the calling thread (the default's 3,000 farms, a
  // sweep's runs side by side) has a handful of meetings a day: one at a time, as there.
  if (farmers.size() <= sim::serial_blocks * sim::agents_per_block) {
    for (std::size_t k = 0; k < coalitions.size(); ++k) next[k] = meet(coalitions[k], day, farmers, institutions);
    return next;
  }
  in_group_.resize(coalitions_.size(), 0);
  std::size_t first = 0;
  while (first < coalitions.size()) {
    // The longest run from `first` of meetings that may meet side by side (a coalition twice in
    // one day would end it: it never is, each has one meeting pending).
    std::size_t last = first;
    bool served = false;  // a meeting of the run reads the staff loads
    while (last < coalitions.size() && meets_side_by_side(coalitions[last]) && !in_group_[coalitions[last]]) {
      if (coalitions_.active(coalitions[last]) && loads_a_government(coalitions[last])) {
        if (served) break;
        served = true;
      }
      in_group_[coalitions[last++]] = 1;
    }
    for (std::size_t k = first; k < last; ++k) in_group_[coalitions[k]] = 0;
    if (last - first < 2) {
      next[first] = meet(coalitions[first], day, farmers, institutions);
      ++first;
      continue;
    }
    const std::size_t count = last - first;
    if (group_.size() < count) group_.resize(count);
    // The loads summed now, if they are out of date: the served meeting then reads them as they
    // are, while the others, which no government serves, neither read nor move them.
    if (served) capacity_used(0);
    // Open every meeting, side by side.
    sim::parallel_items(count, 1, [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        group_[k].start(coalitions[first + k]);
        open_meeting(group_[k], day, farmers, institutions);
      }
    });
    // Who was set free, by which meeting.
    FreedInGroup freed;
    for (std::size_t k = 0; k < count; ++k)
      for (const std::uint32_t farmer : group_[k].freed) freed.by_farmer.emplace_back(farmer, static_cast<std::uint32_t>(k));
    std::sort(freed.by_farmer.begin(), freed.by_farmer.end());
    // Each meeting's recruitment list, side by side: only recruitment changes who is free, and
    // taking a farmer only makes him not free, which taking re-checks.
    sim::parallel_items(count, 1, [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        Meeting& meeting = group_[k];
        if (!meeting.ended && meeting.recruits)
          list_recruits(meeting.coalition, meeting.attendees, k, &freed, day, farmers, meeting);
      }
    });
    // Recruitment, switches of form and the next meetings, in event order.
    for (std::size_t k = 0; k < count; ++k) next[first + k] = close_meeting(group_[k], day, farmers, institutions);
    first = last;
  }
  return next;
}

}  // namespace kringloop::agents
