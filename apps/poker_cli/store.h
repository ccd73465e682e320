// Opens the players' database for poker_cli: kata 3's file store.
#pragma once

#include <filesystem>
#include <memory>

#include "player_store.h"

namespace poker_cli {

// Throws with a one-line message naming the file when it cannot be used
// (unreadable, not a league); a missing file is created by the store.
std::unique_ptr<http_server::PlayerStore> OpenStore(const std::filesystem::path& path);

}  // namespace poker_cli
