#include "button.h"

#include <utility>

namespace sync_toolbox {

Button::~Button() {
  for (auto& subscriber : subscribers_) subscriber.request_stop();
  subscribers_.clear();  // joins
}

void Button::Subscribe(std::function<void()> handler) {
  std::unique_lock lock(mutex_);
  bool ready = false;
  subscribers_.emplace_back([this, handler = std::move(handler), &ready](std::stop_token stop) {
    Listen(stop, handler, ready);
  });
  // The subscriber sets ready and starts waiting without letting go of the
  // mutex in between, so once we hold the mutex again it is parked on
  // clicked_ and counts clicks from here on.
  listening_.wait(lock, [&] { return ready; });
}

void Button::Listen(std::stop_token stop, const std::function<void()>& handler, bool& ready) {
  std::unique_lock lock(mutex_);
  std::uint64_t seen = clicks_;
  ready = true;
  listening_.notify_all();
  while (true) {
    if (!clicked_.wait(lock, stop, [&] { return clicks_ > seen; })) return;  // stopped
    while (seen < clicks_) {
      ++seen;
      lock.unlock();
      handler();
      lock.lock();
    }
  }
}

void Button::Click() {
  {
    std::scoped_lock lock(mutex_);
    ++clicks_;
  }
  clicked_.notify_all();  // a broadcast: notify_one would wake one subscriber
}

}  // namespace sync_toolbox
