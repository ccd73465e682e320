#include "run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "process.h"

namespace kata {

namespace {

std::string ReadAll(int fd) {
  std::string text;
  char buffer[256];
  if (lseek(fd, 0, SEEK_SET) < 0) return text;
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

bool RunLock::TryLock(const std::filesystem::path& build_dir) {
  std::error_code error;
  std::filesystem::create_directories(build_dir, error);
  std::filesystem::path path = build_dir / "kata-run.lock";
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
  if (errno != EWOULDBLOCK) {
    std::string cause = std::strerror(errno);
    close(fd_);
    fd_ = -1;
    throw std::runtime_error("cannot lock " + path.string() + ": " + cause);
  }
  return false;
}

void RunLock::Record(const std::string& what) {
  std::string record = what + ", pid " + std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0 && lseek(fd_, 0, SEEK_SET) == 0) {
    (void)!write(fd_, record.data(), record.size());  // only informative
  }
}

RunLock::RunLock(const std::filesystem::path& build_dir, const std::string& what) {
  if (!TryLock(build_dir)) {
    waited_ = true;
    std::string holder = ReadAll(fd_);
    std::cerr << "kata: another runner is using " << build_dir.string()
              << (holder.empty() ? "" : " (" + holder + ")") << "; waiting for it to finish..." << std::endl;
    // Without SA_RESTART, Ctrl-C interrupts the wait (EINTR).
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR && g_interrupted) {
        close(fd_);
        throw InterruptedError();
      }
      if (errno != EINTR) {
        std::string cause = std::strerror(errno);
        close(fd_);
        throw std::runtime_error("cannot lock " + (build_dir / "kata-run.lock").string() + ": " + cause);
      }
    }
  }
  Record(what);
}

RunLock::RunLock(const std::filesystem::path& build_dir, const std::string& what, NoWait) {
  if (TryLock(build_dir)) {
    Record(what);
  } else {
    close(fd_);
    fd_ = -1;
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) {
    (void)!ftruncate(fd_, 0);  // no stale "who" for the next waiter (make's flock writes none)
    flock(fd_, LOCK_UN);
    close(fd_);
  }
}

}  // namespace kata
