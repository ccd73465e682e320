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
  // TODO: a mutex, a condition variable the subscribers wait on, a click
  // count they compare with what they have seen, and their threads (last, so
  // they are stopped and joined before the rest is destroyed).
};

}  // namespace sync_toolbox
