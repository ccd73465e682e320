#include "testkit/eventually.h"

#include <atomic>
#include <thread>

#include "testkit/todo.h"

namespace kata::testkit {
namespace {

// How many KATA_TODOs had been thrown when the running test started: one
// thrown since then, on any thread, means the test waits for code that is
// not written yet. (Registered with GoogleTest when this file is linked in,
// that is when a test uses Eventually.)
std::atomic<unsigned> todos_at_test_start = 0;

class TodoWatch : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo&) override { todos_at_test_start.store(TodosThrown()); }
};

[[maybe_unused]] const bool todo_watch_registered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new TodoWatch);  // gtest owns it
  return true;
}();

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
  const unsigned todos_before = todos_at_test_start.load();
  while (true) {
    if (predicate()) return ::testing::AssertionSuccess();
    // Code still to be written threw on another thread (a server's, a
    // worker's): what the test waits for will not happen, so say why now
    // rather than after the timeout.
    if (TodosThrown() != todos_before) {
      return ::testing::AssertionFailure() << "condition still false, and it will stay false: " << LastTodo();
    }
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
