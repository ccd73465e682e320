#include "testkit/threads.h"

#include <filesystem>
#include <stdexcept>
#include <thread>

namespace kata::testkit {

int ThreadCount() {
  // ThreadSanitizer starts a helper thread of its own when the process starts
  // its first thread. Start (and join) one here, once, so that the helper is
  // already there for the first count and every count compares like with like.
  static const bool warmed_up = [] {
    std::jthread([] {}).join();
    return true;
  }();
  (void)warmed_up;
  int count = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc/self/task", error), end; !error && it != end;
       it.increment(error)) {
    ++count;
  }
  if (error || count == 0) {
    throw std::runtime_error("testkit::ThreadCount: cannot list /proc/self/task: " +
                             error.message());
  }
  return count;
}

}  // namespace kata::testkit
