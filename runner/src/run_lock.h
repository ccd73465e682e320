// One runner at a time per build folder. Two `kata` processes building and
// running the same binaries (`make watch` in one terminal, `make kata-1` in
// another) would see each other's half-linked binaries and logs; the second
// one waits for the first instead, and says so.
//
// Thread safety: one RunLock per process at a time.
#pragma once

#include <filesystem>
#include <string>

namespace kata {

class RunLock {
 public:
  // Blocks until no other runner holds the build folder's lock, printing
  // one line to stderr if it has to wait. `what` ("kata run 1") is recorded
  // for the next waiter to read. Throws std::runtime_error if the lock file
  // cannot be opened, and InterruptedError on Ctrl-C while waiting.
  RunLock(const std::filesystem::path& build_dir, const std::string& what);
  // Without waiting: held() is false when another process holds the lock
  // (the second build's background build, `make test`).
  struct NoWait {};
  RunLock(const std::filesystem::path& build_dir, const std::string& what, NoWait);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  // Whether it had to wait for another runner.
  bool waited() const { return waited_; }
  bool held() const { return fd_ >= 0; }

 private:
  // Opens build_dir/kata-run.lock and tries to lock it once: false when
  // another process holds it.
  bool TryLock(const std::filesystem::path& build_dir);
  void Record(const std::string& what);

  int fd_ = -1;
  bool waited_ = false;
};

}  // namespace kata
