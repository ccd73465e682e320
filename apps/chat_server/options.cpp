#include "options.h"

#include <charconv>
#include <cstdint>

namespace chat_app {
namespace {

std::string_view Flag(std::string_view arg) { return arg.substr(0, arg.find('=')); }

// A whole decimal number from `low` to `high`, or UsageError naming the flag.
std::uint64_t ParseNumber(std::string_view flag, std::string_view text, std::uint64_t low,
                          std::uint64_t high) {
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < low || number > high) {
    throw UsageError(std::string(flag) + " wants a number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", not '" + std::string(text) + "'");
  }
  return number;
}

bool TakesValue(std::string_view flag) {
  return flag == "--host" || flag == "--port" || flag == "--outbox" || flag == "--max-line";
}

void Apply(Options& options, std::string_view flag, std::string_view value) {
  if (flag == "--host") options.host = std::string(value);
  if (flag == "--port")
    options.port = static_cast<unsigned short>(ParseNumber(flag, value, 0, 65535));
  if (flag == "--outbox") options.outbox = ParseNumber(flag, value, 1, 1'000'000);
  // A line and its newline fit in the connection's buffer.
  if (flag == "--max-line") options.max_line = ParseNumber(flag, value, 1, kMaxBufferedBytes - 1);
}

}  // namespace

Options ParseArgs(const std::vector<std::string_view>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      continue;
    }
    if (arg == "--threads") {
      options.threads = true;
      continue;
    }
    const std::string_view flag = Flag(arg);
    if (!TakesValue(flag)) throw UsageError("unknown option '" + std::string(arg) + "'");
    std::string_view value;
    if (flag.size() < arg.size()) {
      value = arg.substr(flag.size() + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw UsageError(std::string(flag) + " needs a value");
    }
    if (value.empty()) throw UsageError(std::string(flag) + " needs a value");
    Apply(options, flag, value);
  }
  return options;
}

}  // namespace chat_app
