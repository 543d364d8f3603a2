// The model's event kinds and their phase within a day (MODEL §3). Events of one (day, phase) form
// a batch. Phases order a day: institutions act first, farmers review, the record is taken last.
#pragma once
#include <cstdint>

#include "sim/event_queue.hpp"

namespace kringloop::agents {

enum class EventKind : std::uint8_t { farm_review, record };

namespace phase {
inline constexpr sim::Phase farm_review = 50;
inline constexpr sim::Phase record = 90;
}  // namespace phase

struct EventPayload {
  EventKind kind;
  std::uint32_t subject = 0;  // agent, scheme or institution the event concerns
};

using ModelQueue = sim::EventQueue<EventPayload>;

}  // namespace kringloop::agents
