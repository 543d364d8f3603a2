// Fan-out of one producer's messages (a run's monthly frames) to any number of WebSocket clients.
// The producer (a simulation thread) never waits for a client: publish() hands each subscriber a
// shared copy and returns; each subscriber keeps a bounded queue of its own (see http_server.cpp),
// merging "latest only" messages and dropping the oldest frames with a marker when a client lags.
// Kept messages are replayed to late subscribers, so a browser that connects mid-run sees the
// whole history so far.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kringloop::sim::server {

struct Message {
  std::shared_ptr<const std::string> data;
  bool binary = false;
  bool latest_only = false;  // only the newest of these matters (a map): a queued older one is replaced
};

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Called with the broadcast's lock held: must only queue (post to its own executor), never block.
  virtual void deliver(const Message& message) = 0;
  virtual void deliver_backlog(std::vector<Message> messages) = 0;  // not subject to the queue limit
  virtual void end() = 0;  // no more messages: close after sending what is queued
};

class Broadcast {
 public:
  // `keep`: replayed to later subscribers (history). A latest_only message is kept as the latest.
  void publish(Message message, bool keep);
  void subscribe(const std::shared_ptr<Subscriber>& subscriber);
  void close();
  std::size_t subscribers() const;
  std::size_t kept_bytes() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;
  std::vector<Message> kept_;
  Message latest_;
  std::size_t kept_bytes_ = 0;
  bool closed_ = false;
};

}  // namespace kringloop::sim::server
