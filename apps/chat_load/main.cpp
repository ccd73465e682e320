// chat_load: a load client for chat_server (scripts/bench-chat runs it).
//
//   chat_load --port 7000 [--host 127.0.0.1] [--members 10000] [--senders 100]
//             [--messages 10] [--window 15] [--send-window N] [--connecting 256] [--threads 2]
//             [--time-limit 300] [--stall-limit 15]
//
// Opens --members connections, joins them all as m0, m1, ..., then has the
// first --senders send --messages lines each while every member reads, and
// prints what it measured (load.h says how it paces). --window (joins in
// flight) and --send-window (messages in flight; by default one per sender,
// at most --window) must be below the server's --outbox for no member to be
// dropped. Exit status: 0 when it
// all went through with nothing lost or dropped, 1 otherwise, 2 for a bad
// command line.
#include <charconv>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "load.h"

namespace {

constexpr std::string_view kUsage =
    "usage: chat_load --port PORT [--host 127.0.0.1] [--members 10000] [--senders 100] "
    "[--messages 10] [--window 15] [--send-window N] [--connecting 256] [--threads 2] "
    "[--time-limit 300] "
    "[--stall-limit 15]";

int Number(std::string_view flag, std::string_view text, int low, int high) {
  int number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < low || number > high) {
    throw std::invalid_argument(std::string(flag) + " wants a number from " + std::to_string(low) +
                                " to " + std::to_string(high) + ", not '" + std::string(text) +
                                "'");
  }
  return number;
}

void Apply(chat_load::LoadOptions& o, std::string_view flag, std::string_view value) {
  if (flag == "--host") {
    o.host = std::string(value);
  } else if (flag == "--port") {
    o.port = static_cast<unsigned short>(Number(flag, value, 1, 65535));
  } else if (flag == "--members") {
    o.members = Number(flag, value, 2, 1'000'000);
  } else if (flag == "--senders") {
    o.senders = Number(flag, value, 1, 1'000'000);
  } else if (flag == "--messages") {
    o.messages = Number(flag, value, 1, 1'000'000);
  } else if (flag == "--window") {
    o.window = Number(flag, value, 1, 1'000'000);
  } else if (flag == "--send-window") {
    o.send_window = Number(flag, value, 1, 1'000'000);
  } else if (flag == "--connecting") {
    o.connecting = Number(flag, value, 1, 100'000);
  } else if (flag == "--threads") {
    o.threads = Number(flag, value, 1, 64);
  } else if (flag == "--time-limit") {
    o.time_limit = std::chrono::seconds(Number(flag, value, 1, 3600));
  } else if (flag == "--stall-limit") {
    o.stall_limit = std::chrono::seconds(Number(flag, value, 1, 3600));
  } else {
    throw std::invalid_argument("unknown option '" + std::string(flag) + "'");
  }
}

chat_load::LoadOptions Parse(const std::vector<std::string_view>& args, bool& help) {
  chat_load::LoadOptions options;
  bool port = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-h" || args[i] == "--help") {
      help = true;
      continue;
    }
    if (i + 1 == args.size()) throw std::invalid_argument(std::string(args[i]) + " needs a value");
    Apply(options, args[i], args[i + 1]);
    port = port || args[i] == "--port";
    ++i;
  }
  if (!port && !help) throw std::invalid_argument("--port is required");
  if (options.senders > options.members) {
    throw std::invalid_argument("--senders must not exceed --members");
  }
  if (static_cast<long long>(options.senders) * options.messages > 10'000'000) {
    throw std::invalid_argument("--senders x --messages must not exceed 10,000,000");
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  bool help = false;
  chat_load::LoadOptions options;
  try {
    options = Parse(std::vector<std::string_view>(argv + 1, argv + argc), help);
  } catch (const std::invalid_argument& error) {
    std::cerr << "chat_load: " << error.what() << " (" << kUsage << ")\n";
    return 2;
  }
  if (help) {
    std::cout << kUsage << "\n";
    return 0;
  }
  try {
    return chat_load::RunLoad(options, std::cout);
  } catch (const std::exception& error) {
    std::cerr << "chat_load: " << error.what() << "\n";
    return 1;
  }
}
