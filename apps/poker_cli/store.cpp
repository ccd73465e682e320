#include "store.h"

#include <stdexcept>

#include "file_system_player_store.h"
#include "kata/player_name.h"

namespace poker_cli {
namespace {

// The store, refusing a name that breaks the name rule.
class NameRuleStore : public http_server::PlayerStore {
 public:
  explicit NameRuleStore(const std::filesystem::path& path) : store_(path.string()) {}

  std::optional<int> GetPlayerScore(std::string_view name) const override {
    return store_.GetPlayerScore(name);
  }

  void RecordWin(std::string_view name) override {
    if (auto problem = kata::NameProblem(name)) throw std::invalid_argument(*problem);
    store_.RecordWin(name);
  }

 private:
  file_store::FileSystemPlayerStore store_;
};

}  // namespace

std::unique_ptr<http_server::PlayerStore> OpenStore(const std::filesystem::path& path) {
  return std::make_unique<NameRuleStore>(path);
}

}  // namespace poker_cli
