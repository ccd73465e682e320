// Button: every subscriber's handler runs once per click (a broadcast, Go's
// sync.Cond Broadcast). Each subscriber has a thread of its own that sleeps
// until the next click.
//
// Thread safety: Subscribe and Click may be called concurrently. Handlers run
// on their subscriber's thread, never under the button's lock. The destructor
// stops and joins every subscriber thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sync_toolbox {

class Button {
 public:
  Button() = default;
  Button(const Button&) = delete;
  Button& operator=(const Button&) = delete;
  ~Button();

  // Starts a subscriber that runs `handler` once for every later click.
  // Returns once the subscriber cannot miss a click: a Click() right after
  // Subscribe() returns reaches it.
  void Subscribe(std::function<void()> handler);

  // Wakes every subscriber.
  void Click();

 private:
  void Listen(std::stop_token stop, const std::function<void()>& handler, bool& ready);

  std::mutex mutex_;
  std::condition_variable_any clicked_;
  std::condition_variable_any listening_;
  std::uint64_t clicks_ = 0;
  std::vector<std::jthread> subscribers_;  // last: stopped and joined first
};

}  // namespace sync_toolbox
