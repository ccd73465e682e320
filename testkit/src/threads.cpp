#include "testkit/threads.h"

#include <filesystem>
#include <stdexcept>

namespace kata::testkit {

int ThreadCount() {
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
