// Opens the players' database for poker_cli: kata 3's file store, behind the
// name rule that poker_server applies too (kata/player_name.h).
#pragma once

#include <filesystem>
#include <memory>

#include "player_store.h"

namespace poker_cli {

// Throws with a one-line message naming the file when it cannot be used
// (unreadable, not a league); a missing file is created by the store.
// RecordWin throws std::invalid_argument, with the name rule's one-line
// reason, for a name that breaks it; nothing is stored then.
std::unique_ptr<http_server::PlayerStore> OpenStore(const std::filesystem::path& path);

}  // namespace poker_cli
