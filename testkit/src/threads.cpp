#include "testkit/threads.h"

#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace kata::testkit {

int LiveThreads() {
  // ThreadSanitizer starts a helper thread of its own when the process starts
  // its first thread. Start (and join) one here, once, so that the helper is
  // already there for the first count and every count compares like with like.
  static const bool warmed_up = [] {
    std::jthread([] {}).join();
    return true;
  }();
  (void)warmed_up;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  throw std::runtime_error("testkit::LiveThreads: no Threads: line in /proc/self/status");
}

}  // namespace kata::testkit
