// The discrete-event core (after ns-3's scheduler and Mesa's event list): events are ordered by
// (day, phase, sequence). The sequence is the queue's own counter, so ties on (day, phase) run in
// the order they were scheduled. Events of one (day, phase) are handed out together as a batch,
// which the caller may run in parallel (see parallel.hpp).
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/errors.hpp"
#include "sim/time.hpp"

namespace kringloop::sim {

using Phase = std::uint16_t;
using EventId = std::uint64_t;

template <class Payload>
class EventQueue {
 public:
  struct Event {
    Day day;
    Phase phase;
    EventId id;  // the sequence number: unique, increasing in scheduling order
    Payload payload;
  };

  // Schedules an event; throws SchedulingError when (day, phase) is not after the batch now running:
  // an event in the past would silently reorder history.
  EventId schedule(Day day, Phase phase, Payload payload) {
    if (started_ && (day < now_ || (day == now_ && phase <= now_phase_))) {
      throw SchedulingError("event scheduled in the past: day " + std::to_string(day) + " phase " +
                            std::to_string(phase) + " while running day " + std::to_string(now_) +
                            " phase " + std::to_string(now_phase_));
    }
    if (day < 0) throw SchedulingError("event scheduled on negative day " + std::to_string(day));
    const EventId id = next_id_++;
    pending_.insert(id);
    heap_.push(Event{day, phase, id, std::move(payload)});
    return id;
  }

  // Cancels a pending event. Returns false when it already ran, was cancelled, or never existed.
  bool cancel(EventId id) {
    if (pending_.erase(id) == 0) return false;
    cancelled_.insert(id);
    return true;
  }

  // Moves the next batch (every pending event with the smallest (day, phase)) into `batch`, in
  // sequence order, and advances the clock. Returns false when nothing is pending.
  bool pop_batch(std::vector<Event>& batch) {
    batch.clear();
    drop_cancelled_top();
    if (heap_.empty()) return false;
    now_ = heap_.top().day;
    now_phase_ = heap_.top().phase;
    started_ = true;
    while (!heap_.empty() && heap_.top().day == now_ && heap_.top().phase == now_phase_) {
      pending_.erase(heap_.top().id);
      batch.push_back(heap_.top());
      heap_.pop();
      drop_cancelled_top();
    }
    return true;
  }

  Day now() const { return now_; }
  Phase now_phase() const { return now_phase_; }
  bool empty() { drop_cancelled_top(); return heap_.empty(); }
  std::size_t pending() const { return pending_.size(); }

 private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      if (a.day != b.day) return a.day > b.day;
      if (a.phase != b.phase) return a.phase > b.phase;
      return a.id > b.id;
    }
  };

  void drop_cancelled_top() {
    while (!heap_.empty() && cancelled_.count(heap_.top().id) != 0) {
      cancelled_.erase(heap_.top().id);
      heap_.pop();
    }
  }

  std::priority_queue<Event, std::vector<Event>, Later> heap_;
  std::unordered_set<EventId> pending_;    // scheduled, not yet run or cancelled
  std::unordered_set<EventId> cancelled_;  // cancelled, still in the heap (removed lazily)
  EventId next_id_ = 0;
  Day now_ = 0;
  Phase now_phase_ = 0;
  bool started_ = false;
};

}  // namespace kringloop::sim
