#include "sim/server/broadcast.hpp"

#include <algorithm>

namespace kringloop::sim::server {

void Broadcast::publish(Message message, bool keep) {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (message.latest_only) {
    latest_ = message;
  } else if (keep) {
    kept_bytes_ += message.data->size();
    kept_.push_back(message);
  }
  // Forget subscribers that have gone; deliver to the rest.
  std::erase_if(subscribers_, [&](const std::weak_ptr<Subscriber>& weak) {
    const auto subscriber = weak.lock();
    if (!subscriber) return true;
    subscriber->deliver(message);
    return false;
  });
}

void Broadcast::subscribe(const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  std::vector<Message> backlog = kept_;
  if (latest_.data) backlog.push_back(latest_);
  subscriber->deliver_backlog(std::move(backlog));
  if (closed_) {
    subscriber->end();
    return;
  }
  subscribers_.push_back(subscriber);
}

void Broadcast::close() {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  closed_ = true;
  for (const auto& weak : subscribers_)
    if (const auto subscriber = weak.lock()) subscriber->end();
  subscribers_.clear();
}

std::size_t Broadcast::subscribers() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(subscribers_.begin(), subscribers_.end(),
                                                [](const std::weak_ptr<Subscriber>& weak) { return !weak.expired(); }));
}

std::size_t Broadcast::kept_bytes() const {
  std::lock_guard lock(mutex_);
  return kept_bytes_;
}

}  // namespace kringloop::sim::server
