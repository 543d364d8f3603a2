#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/event_queue.hpp"

using namespace kringloop::sim;

namespace {
std::vector<std::string> drain(EventQueue<std::string>& queue, std::vector<std::pair<Day, Phase>>* keys = nullptr) {
  std::vector<std::string> order;
  std::vector<EventQueue<std::string>::Event> batch;
  while (queue.pop_batch(batch)) {
    if (keys) keys->emplace_back(batch.front().day, batch.front().phase);
    for (const auto& event : batch) order.push_back(event.payload);
  }
  return order;
}
}  // namespace

TEST_CASE("event queue orders by day, then phase, then scheduling order", "[sim][event_queue]") {
  EventQueue<std::string> queue;
  queue.schedule(10, 1, "d10p1-first");
  queue.schedule(5, 2, "d5p2");
  queue.schedule(10, 0, "d10p0");
  queue.schedule(10, 1, "d10p1-second");
  queue.schedule(5, 1, "d5p1");
  CHECK(drain(queue) == std::vector<std::string>{"d5p1", "d5p2", "d10p0", "d10p1-first", "d10p1-second"});
}

TEST_CASE("a batch holds exactly the events of one (day, phase)", "[sim][event_queue]") {
  EventQueue<std::string> queue;
  for (int i = 0; i < 3; ++i) queue.schedule(1, 5, "a" + std::to_string(i));
  queue.schedule(1, 6, "b");
  queue.schedule(2, 5, "c");
  std::vector<EventQueue<std::string>::Event> batch;
  REQUIRE(queue.pop_batch(batch));
  REQUIRE(batch.size() == 3);
  CHECK(batch[0].payload == "a0");
  CHECK(batch[2].payload == "a2");
  CHECK(batch[0].id < batch[1].id);  // ties keep scheduling order
  CHECK(queue.now() == 1);
  REQUIRE(queue.pop_batch(batch));
  CHECK(batch.size() == 1);
  CHECK(batch[0].payload == "b");
  REQUIRE(queue.pop_batch(batch));
  CHECK(batch[0].payload == "c");
  CHECK_FALSE(queue.pop_batch(batch));
  CHECK(batch.empty());
}

TEST_CASE("cancelled events never run", "[sim][event_queue]") {
  EventQueue<std::string> queue;
  const EventId keep = queue.schedule(1, 0, "keep");
  const EventId drop = queue.schedule(1, 0, "drop");
  const EventId lone = queue.schedule(3, 0, "lone");
  CHECK(queue.pending() == 3);

  SECTION("cancel removes the event and reports success once") {
    CHECK(queue.cancel(drop));
    CHECK_FALSE(queue.cancel(drop));
    CHECK(queue.cancel(lone));  // a whole batch cancelled: pop skips it
    CHECK(queue.pending() == 1);
    CHECK(drain(queue) == std::vector<std::string>{"keep"});
  }
  SECTION("an event that already ran cannot be cancelled") {
    std::vector<EventQueue<std::string>::Event> batch;
    queue.pop_batch(batch);
    CHECK_FALSE(queue.cancel(keep));
    CHECK_FALSE(queue.cancel(12345));  // never scheduled
  }
}

TEST_CASE("scheduling in the past is an error", "[sim][event_queue]") {
  EventQueue<std::string> queue;
  queue.schedule(10, 5, "now");
  std::vector<EventQueue<std::string>::Event> batch;
  queue.pop_batch(batch);
  CHECK_THROWS_AS(queue.schedule(9, 9, "yesterday"), SchedulingError);
  CHECK_THROWS_AS(queue.schedule(10, 4, "earlier phase today"), SchedulingError);
  CHECK_THROWS_AS(queue.schedule(10, 5, "the running batch"), SchedulingError);
  CHECK_THROWS_AS(queue.schedule(-1, 0, "negative"), SchedulingError);
  CHECK_NOTHROW(queue.schedule(10, 6, "later phase today"));
  CHECK_NOTHROW(queue.schedule(11, 0, "tomorrow"));
  std::vector<std::pair<Day, Phase>> keys;
  CHECK(drain(queue, &keys) == std::vector<std::string>{"later phase today", "tomorrow"});
  CHECK(keys == std::vector<std::pair<Day, Phase>>{{10, 6}, {11, 0}});
}

TEST_CASE("events scheduled by a batch run in later batches", "[sim][event_queue]") {
  EventQueue<int> queue;
  queue.schedule(0, 0, 1);
  std::vector<int> seen;
  std::vector<EventQueue<int>::Event> batch;
  while (queue.pop_batch(batch))
    for (const auto& event : batch) {
      seen.push_back(event.payload);
      if (event.payload < 4) queue.schedule(event.day + 1, 0, event.payload + 1);
    }
  CHECK(seen == std::vector<int>{1, 2, 3, 4});
  CHECK(queue.now() == 3);
}
