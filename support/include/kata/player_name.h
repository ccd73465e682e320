// The one rule for a player's name, wherever a name comes in (poker_server's
// URLs and websocket, poker_cli's terminal): 1 to kMaxNameBytes bytes of
// valid UTF-8 with no control character. A name that breaks it is refused
// with the same one-line reason on every path, and never stored: a name with
// a newline or a NUL could not be asked for again by URL, nor shown.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kata {

inline constexpr std::size_t kMaxNameBytes = 64;

// Why `name` cannot be a player's name, in one line without a newline;
// std::nullopt when it can.
std::optional<std::string> NameProblem(std::string_view name);

inline bool IsValidName(std::string_view name) { return !NameProblem(name); }

}  // namespace kata
