// The model's event kinds and their phase within a day (MODEL §3). Events of one (day, phase) form
// a batch. Phases order a day: institutions act first (elections), farmers review, the record is
// taken last. Scheme windows, decisions, payments, lease expiry and chain updates are evaluated in
// the monthly review (decisions at the first review on or after their day), which keeps the queue
// small at a million farmers while the lead times keep their day resolution for late/on-time.
#pragma once
#include <cstdint>

#include "sim/event_queue.hpp"

namespace kringloop::agents {

// Coalition events (MODEL §7.5): a declared coalition starts, the month's initiatives (emergence),
// and each coalition's own meetings (monthly or quarterly by form), scheduled by the coalition.
// Knowledge institutes hold their events of the month (MODEL §7.6) once a month each. Land exchange
// (MODEL §7.4): the yearly exchange season and the yearly round of spatial measures.
enum class EventKind : std::uint8_t {
  election, farm_review, record, coalition_start, coalition_initiatives, coalition_meeting, institute_month,
  exchange_season, measure_round
};

namespace phase {
inline constexpr sim::Phase election = 20;
inline constexpr sim::Phase coalition_start = 30;
inline constexpr sim::Phase coalition_initiatives = 40;
inline constexpr sim::Phase farm_review = 50;
inline constexpr sim::Phase institute_month = 55;
inline constexpr sim::Phase coalition_meeting = 60;
inline constexpr sim::Phase exchange_season = 70;
inline constexpr sim::Phase measure_round = 75;
inline constexpr sim::Phase record = 90;
}  // namespace phase

struct EventPayload {
  EventKind kind;
  std::uint32_t subject = 0;  // agent, scheme or institution the event concerns
};

using ModelQueue = sim::EventQueue<EventPayload>;

}  // namespace kringloop::agents
