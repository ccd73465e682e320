// PressureGauge: at most `limit` calls of Process run at once, and the next
// one is refused at once rather than queued. A component that says "not now"
// when it is full keeps its callers' waits short and the whole system up.
//
//   limiting::PressureGauge gauge(10);
//   try {
//     gauge.Process([&] { body = Render(request); });
//   } catch (const limiting::NoCapacity&) {
//     status = 429;  // ten are already running: come back later
//   }
//
// A call holds one of the gauge's tokens while its function runs, and gives
// it back when the function returns or throws: an exception never costs the
// gauge its capacity.
//
// Thread safety: Process may be called from any number of threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <semaphore>
#include <stdexcept>

namespace limiting {

// Thrown by Process when every token is taken: what() is "no more capacity".
class NoCapacity : public std::runtime_error {
 public:
  NoCapacity() : std::runtime_error("no more capacity") {}
};

class PressureGauge {
 public:
  // The most calls that may run at once; at most kMaxLimit.
  static constexpr std::ptrdiff_t kMaxLimit = 1024;

  // Throws std::invalid_argument unless 0 < limit <= kMaxLimit.
  explicit PressureGauge(std::ptrdiff_t limit);
  PressureGauge(const PressureGauge&) = delete;
  PressureGauge& operator=(const PressureGauge&) = delete;

  // Runs `work` on the calling thread if a token is free, and gives the token
  // back when it returns or throws (what it throws passes through, as it
  // was). Throws NoCapacity, without waiting and without running `work`,
  // when `limit` calls are already running.
  void Process(const std::function<void()>& work);

 private:
  std::counting_semaphore<kMaxLimit> tokens_;
};

}  // namespace limiting
