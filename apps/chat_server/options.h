// chat_server's command line: flags, their defaults and the usage line.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chat_app {

inline constexpr std::string_view kUsage =
    "usage: chat_server [--host 127.0.0.1] [--port 7000] [--outbox 16] [--max-line 140] "
    "[--threads] [--help]";

// The longest line a connection buffers while it waits for the newline: a
// client that sends more without one is disconnected.
inline constexpr std::size_t kMaxBufferedBytes = 64 * 1024;

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 7000;
  std::size_t outbox = 16;     // a member's outbox slots (the Hub's outbox_slots)
  std::size_t max_line = 140;  // bytes in a line, newline excluded
  bool threads = false;        // the kata's thread-per-connection front end instead
  bool help = false;
};

// A bad flag or value; what() is one line that says which.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Flags as "--port 7000" or "--port=7000". Throws UsageError.
Options ParseArgs(const std::vector<std::string_view>& args);

}  // namespace chat_app
