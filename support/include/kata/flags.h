// Command-line flags written "--name value" or "--name=value", as the apps
// take them (poker_server, chat_server).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace kata {

// The flag's name: "--port" for "--port=7000" and for "--port".
std::string_view FlagName(std::string_view arg);

// The value of the flag at args[i]: what follows its '=', or else the next
// argument (and i moves on to it). std::nullopt when there is neither, or
// the value is empty.
std::optional<std::string_view> FlagValue(const std::vector<std::string_view>& args, std::size_t& i);

}  // namespace kata
