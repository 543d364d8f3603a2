// The fan-out of a run's frames: late subscribers get the kept history and the newest map, the
// producer never waits, ended subscribers are forgotten, and a closed broadcast ends everyone.
#include <catch2/catch.hpp>

#include "sim/server/broadcast.hpp"

using namespace kringloop::sim::server;

namespace {

struct Recorder : Subscriber {
  std::vector<std::string> received;
  std::size_t backlog = 0;
  bool ended = false;
  void deliver(const Message& message) override { received.push_back(*message.data); }
  void deliver_backlog(std::vector<Message> messages) override {
    backlog = messages.size();
    for (const auto& m : messages) received.push_back(*m.data);
  }
  void end() override { ended = true; }
};

Message text(const std::string& s, bool latest_only = false) {
  return {std::make_shared<const std::string>(s), latest_only, latest_only};
}

}  // namespace

TEST_CASE("a broadcast replays its history and the newest map to late subscribers", "[sim][server]") {
  Broadcast broadcast;
  auto early = std::make_shared<Recorder>();
  broadcast.subscribe(early);
  broadcast.publish(text("farms"), true);
  broadcast.publish(text("month 1"), true);
  broadcast.publish(text("map 1", true), false);
  broadcast.publish(text("month 2"), true);
  broadcast.publish(text("map 2", true), false);
  broadcast.publish(text("not kept"), false);
  CHECK(early->received == std::vector<std::string>{"farms", "month 1", "map 1", "month 2", "map 2", "not kept"});

  auto late = std::make_shared<Recorder>();
  broadcast.subscribe(late);
  CHECK(late->received == std::vector<std::string>{"farms", "month 1", "month 2", "map 2"});
  CHECK(broadcast.subscribers() == 2);
  CHECK(broadcast.kept_bytes() == std::string("farmsmonth 1month 2").size());

  SECTION("a subscriber that went away is forgotten") {
    late.reset();
    broadcast.publish(text("month 3"), true);
    CHECK(broadcast.subscribers() == 1);
  }
  SECTION("closing ends every subscriber, and later ones get the history and end at once") {
    broadcast.close();
    CHECK(early->ended);
    CHECK(late->ended);
    broadcast.publish(text("after"), true);
    CHECK(early->received.back() == "not kept");
    auto after = std::make_shared<Recorder>();
    broadcast.subscribe(after);
    CHECK(after->ended);
    CHECK(after->backlog == 4);
  }
}
