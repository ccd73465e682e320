#include "options.h"

#include <charconv>
#include <cstdint>
#include <optional>

#include "kata/flags.h"

namespace chat_app {
namespace {


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
    const std::string_view flag = kata::FlagName(arg);
    if (!TakesValue(flag)) throw UsageError("unknown option '" + std::string(arg) + "'");
    const std::optional<std::string_view> given = kata::FlagValue(args, i);
    if (!given) throw UsageError(std::string(flag) + " needs a value");
    const std::string_view value = *given;
    Apply(options, flag, value);
  }
  return options;
}

}  // namespace chat_app
