// The terminal side of poker_cli: standard input that ends on Ctrl-C (or
// SIGTERM) as if the input had ended, and standard output that the CLI and
// the alerts (on the clock's thread) may write at the same time.
//
// Thread safety: Input is for one thread. Output's stream may be written from
// several threads as long as they do not change its formatting state (the
// alerts use ostream::write).
#pragma once

#include <istream>
#include <mutex>
#include <ostream>
#include <streambuf>

namespace poker_cli {

class Input {
 public:
  // Blocks SIGINT and SIGTERM in this thread and every thread started after,
  // and receives them through a signalfd. Call before starting any thread.
  Input();
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  std::istream& Stream() { return stream_; }
  bool Interrupted() const { return buffer_.interrupted; }

 private:
  struct Buffer : std::streambuf {
    int_type underflow() override;
    int signal_fd = -1;
    bool interrupted = false;
    char data[4096];
  };
  Buffer buffer_;
  std::istream stream_{&buffer_};
};

class Output {
 public:
  std::ostream& Stream() { return stream_; }

 private:
  struct Buffer : std::streambuf {
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    std::mutex mutex;
  };
  Buffer buffer_;
  std::ostream stream_{&buffer_};
};

}  // namespace poker_cli
