#include "terminal.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "kata/stop_signals.h"

namespace poker_cli {
namespace {

void WriteAll(const char* s, std::size_t n) {
  while (n > 0) {
    const ssize_t written = ::write(STDOUT_FILENO, s, n);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // stdout is gone (a closed pipe): nothing sensible left to do
    }
    s += written;
    n -= static_cast<std::size_t>(written);
  }
}

}  // namespace

Input::Input() {
  const sigset_t set = kata::StopSignals();
  if (int error = pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
    throw std::system_error(error, std::generic_category(), "pthread_sigmask");
  }
  buffer_.signal_fd = signalfd(-1, &set, SFD_CLOEXEC);
  if (buffer_.signal_fd < 0) throw std::system_error(errno, std::generic_category(), "signalfd");
}

Input::~Input() { ::close(buffer_.signal_fd); }

Input::Buffer::int_type Input::Buffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (interrupted) return traits_type::eof();
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {signal_fd, POLLIN, 0}};
  while (true) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return traits_type::eof();
    }
    if (fds[1].revents & POLLIN) {
      interrupted = true;
      return traits_type::eof();
    }
    const ssize_t n = ::read(STDIN_FILENO, data, sizeof data);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return traits_type::eof();
    setg(data, data, data + n);
    return traits_type::to_int_type(*gptr());
  }
}

Output::Buffer::int_type Output::Buffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  std::scoped_lock lock(mutex);
  WriteAll(&ch, 1);
  return c;
}

std::streamsize Output::Buffer::xsputn(const char* s, std::streamsize n) {
  std::scoped_lock lock(mutex);
  WriteAll(s, static_cast<std::size_t>(n));
  return n;
}

}  // namespace poker_cli
