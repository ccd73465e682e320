#include "store.h"

#include "file_system_player_store.h"

namespace poker_cli {

std::unique_ptr<http_server::PlayerStore> OpenStore(const std::filesystem::path& path) {
  return std::make_unique<file_store::FileSystemPlayerStore>(path);
}

}  // namespace poker_cli
