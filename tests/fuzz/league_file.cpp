// libFuzzer target: the kata 3 reference store reading its league file
// (solutions/03_file_store/file_system_player_store.cpp), with arbitrary
// bytes as the file's content. Each input is written to one temporary file,
// reused for every run, and a store is constructed on it.
//
// Proves, besides "no crash, no ASan or UBSan report":
// - a store either loads or throws std::runtime_error whose what() begins
//   with the file's path; no other exception escapes;
// - a file it refuses is left byte for byte as it was, with no temporary
//   file next to it; a file it loads is not rewritten either;
// - an empty file becomes an empty league that a second store reads back;
// - a loaded league is sorted (wins, highest first, then by name), lists
//   each name once, answers GetPlayerScore for each player, and holds
//   exactly the wins the file says (compared as JSON numbers, so a Wins of
//   2.5 or 4294967296 must be refused, not loaded as 2 or 0).
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "file_system_player_store.h"

namespace {

std::string g_input;  // for the message when a property fails

void Require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "property violated: %s\nfile content (%zu bytes): %s\n", property,
               g_input.size(), g_input.c_str());
  std::abort();
}

// One folder for the whole fuzzing session, removed at exit.
struct TempLeague {
  std::string folder;
  std::string path;
  std::string temp;  // the store's "<path>.tmp"

  TempLeague() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/kata-fuzz-league-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("league_file fuzzer: mkdtemp");
      std::abort();
    }
    folder = pattern;
    path = folder + "/league.json";
    temp = path + ".tmp";
  }
  ~TempLeague() {
    ::unlink(temp.c_str());
    ::unlink(path.c_str());
    ::rmdir(folder.c_str());
  }
};

const TempLeague& Temp() {
  static const TempLeague temp;
  return temp;
}

void WriteFile(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  Require(fd >= 0, "the harness can write its temporary file");
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    Require(written > 0, "the harness can write its temporary file");
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  ::close(fd);
}

std::string ReadFile(const std::string& path) {
  std::string text;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  Require(fd >= 0, "the league file still exists");
  char buffer[16 * 1024];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return text;
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

void CheckLoaded(const file_store::FileSystemPlayerStore& store, const std::string& content) {
  const std::vector<json_league::Player> league = store.GetLeague();
  std::set<std::string> names;
  for (std::size_t i = 0; i < league.size(); ++i) {
    Require(names.insert(league[i].name).second, "each name is listed once");
    Require(store.GetPlayerScore(league[i].name) == league[i].wins,
            "GetPlayerScore agrees with GetLeague");
    if (i > 0) {
      const auto& before = league[i - 1];
      const auto& after = league[i];
      Require(before.wins > after.wins || (before.wins == after.wins && before.name < after.name),
              "the league is sorted by wins, then by name");
    }
  }
  // The file's own numbers, read independently: what was loaded must be
  // exactly what is written there.
  const nlohmann::json file = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  Require(file.is_array() && file.size() == league.size(), "the league has the file's players");
  std::map<std::string, nlohmann::json> written;
  for (const auto& player : file)
    written.emplace(player.at("Name").get<std::string>(), player.at("Wins"));
  for (const auto& player : league) {
    auto it = written.find(player.name);
    Require(it != written.end(), "every loaded name is in the file");
    Require(nlohmann::json(player.wins) == it->second, "every player has the wins the file says");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const TempLeague& temp = Temp();
  g_input.assign(reinterpret_cast<const char*>(data), size);
  WriteFile(temp.path, g_input);

  try {
    file_store::FileSystemPlayerStore store(temp.path);
    if (g_input.empty()) {
      Require(store.GetLeague().empty(), "an empty file is an empty league");
      file_store::FileSystemPlayerStore again(temp.path);
      Require(again.GetLeague().empty(), "an empty file is saved as an empty league");
    } else {
      Require(ReadFile(temp.path) == g_input, "reading a league does not rewrite its file");
      CheckLoaded(store, g_input);
    }
  } catch (const std::runtime_error& error) {
    const std::string_view what = error.what();
    Require(what.starts_with(temp.path + ": "), "the error's message begins with the file's path");
    Require(!g_input.empty(), "an empty file is accepted");
    Require(ReadFile(temp.path) == g_input, "a refused file is left as it was");
    Require(!Exists(temp.temp), "a refused file leaves no temporary file");
  } catch (...) {
    Require(false, "only std::runtime_error escapes the constructor");
  }
  return 0;
}
