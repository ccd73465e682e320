#include "kata/flags.h"

namespace kata {

std::string_view FlagName(std::string_view arg) { return arg.substr(0, arg.find('=')); }

std::optional<std::string_view> FlagValue(const std::vector<std::string_view>& args, std::size_t& i) {
  const std::string_view arg = args[i];
  const std::string_view name = FlagName(arg);
  std::string_view value;
  if (name.size() < arg.size()) {
    value = arg.substr(name.size() + 1);
  } else if (i + 1 < args.size()) {
    value = args[++i];
  }
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace kata
