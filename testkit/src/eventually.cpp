#include "testkit/eventually.h"

#include <thread>

namespace kata::testkit {
namespace {

// Starts fine (50 us) so fast code is seen at once, then backs off to 5 ms so
// a slow wait does not burn a core that the code under test needs.
void Pause(std::chrono::microseconds& step) {
  std::this_thread::sleep_for(step);
  step = std::min<std::chrono::microseconds>(step * 2, 5ms);
}

}  // namespace

::testing::AssertionResult Eventually(const std::function<bool()>& predicate,
                                      std::chrono::milliseconds timeout) {
  auto start = std::chrono::steady_clock::now();
  std::chrono::microseconds step = 50us;
  while (true) {
    if (predicate()) return ::testing::AssertionSuccess();
    if (std::chrono::steady_clock::now() - start >= timeout) {
      return ::testing::AssertionFailure()
             << "condition still false after " << timeout.count() << " ms";
    }
    Pause(step);
  }
}

::testing::AssertionResult Never(const std::function<bool()>& predicate,
                                 std::chrono::milliseconds window) {
  auto start = std::chrono::steady_clock::now();
  std::chrono::microseconds step = 50us;
  while (std::chrono::steady_clock::now() - start < window) {
    if (predicate()) {
      auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
      return ::testing::AssertionFailure()
             << "condition became true after " << after.count() << " ms";
    }
    Pause(step);
  }
  return ::testing::AssertionSuccess();
}

}  // namespace kata::testkit
