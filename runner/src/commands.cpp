#include "commands.h"

#include <iostream>

#include "typed.h"

namespace kata {

namespace fs = std::filesystem;

Commands::Commands(GlobalOptions options)
    : options_(std::move(options)),
      term_(Term::Detect(options_.no_color)),
      progress_(options_.build_dir / "kata-progress.json") {
  options_.root = fs::absolute(options_.root).lexically_normal();
  options_.build_dir = fs::absolute(options_.build_dir).lexically_normal();
  if (options_.state_file.empty()) options_.state_file = options_.build_dir / "kata-progress.json";
  progress_ = kata::Progress(options_.state_file);
  std::string note = progress_.Load();
  if (!note.empty()) std::cerr << "kata: note: " << note << "\n";
}

std::string Commands::Shown(const fs::path& path) const {
  std::error_code error;
  fs::path cwd = fs::current_path(error);
  if (error) return path.string();
  fs::path relative = path.lexically_relative(cwd);
  if (relative.empty() || relative.string().rfind("../..", 0) == 0) return path.string();
  return relative.string();
}

const std::vector<Kata>& Commands::Catalog() {
  if (!catalog_) catalog_ = LoadCatalog(options_.root);
  return *catalog_;
}

const Kata& Commands::CurrentKata() {
  const auto& katas = Catalog();
  if (katas.empty()) throw UsageError("there are no katas in " + (options_.root / "katas").string());
  for (const auto& kata : katas) {
    const KataProgress* state = progress_.Find(kata.id);
    if (state == nullptr || state->verdict != "PASS") return kata;
  }
  return katas.back();
}

const Kata& Commands::LastRunKata() {
  const Kata* last = nullptr;
  std::string newest;
  for (const auto& kata : Catalog()) {
    const KataProgress* state = progress_.Find(kata.id);
    if (state != nullptr && !state->at.empty() && state->at > newest) {
      newest = state->at;
      last = &kata;
    }
  }
  return last != nullptr ? *last : CurrentKata();
}

const Kata& Commands::Resolve(const std::string& spec) {
  if (spec.empty()) return CurrentKata();
  return FindKata(Catalog(), spec);
}

}  // namespace kata
