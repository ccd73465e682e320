// Pacer: starts at most `window` of `total` tasks at once, in order; each
// Done starts the next. Thread safety: Start and Done may be called from any
// thread; `launch` runs with the pacer's mutex held, so it must not call back.
#pragma once

#include <functional>
#include <mutex>
#include <utility>

namespace chat_load {

class Pacer {
 public:
  Pacer(int window, int total, std::function<void(int)> launch)
      : window_(window), total_(total), launch_(std::move(launch)) {}
  void Start() {
    std::scoped_lock lock(mutex_);
    Fill();
  }
  void Done() {
    std::scoped_lock lock(mutex_);
    --in_flight_;
    Fill();
  }

 private:
  void Fill() {
    while (in_flight_ < window_ && next_ < total_) {
      ++in_flight_;
      launch_(next_++);
    }
  }

  const int window_;
  const int total_;
  const std::function<void(int)> launch_;
  std::mutex mutex_;
  int in_flight_ = 0;  // guarded by mutex_
  int next_ = 0;       // guarded by mutex_
};

}  // namespace chat_load
