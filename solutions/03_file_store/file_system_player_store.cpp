#include "file_system_player_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "league_json.h"  // kata 2

namespace file_store {
namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& problem) {
  throw std::runtime_error(path + ": " + problem);
}

// "cannot create /tmp/db.json.tmp: No such file or directory". Takes errno
// first, before building the message can change it.
[[noreturn]] void FailErrno(const std::string& path, const std::string& doing, int error) {
  Fail(path, doing + ": " + std::strerror(error));
}

// Wins first, highest first; ties in order of name.
void Sort(std::vector<Player>& league) {
  std::sort(league.begin(), league.end(), [](const Player& a, const Player& b) {
    if (a.wins != b.wins) return a.wins > b.wins;
    return a.name < b.name;
  });
}

// Closes a file descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int Get() const { return fd_; }
  int Close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

// The whole file, or std::nullopt if it does not exist.
std::optional<std::string> ReadIfExists(const std::string& path) {
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.Get() < 0) {
    int error = errno;
    if (error == ENOENT) return std::nullopt;
    FailErrno(path, "cannot open it", error);
  }
  std::string text;
  char buffer[64 * 1024];
  while (true) {
    ssize_t n = ::read(file.Get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      int error = errno;
      if (error == EINTR) continue;
      FailErrno(path, "cannot read it", error);
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

std::vector<Player> ParseLeague(const std::string& path, std::string_view text) {
  std::vector<Player> league;
  try {
    league = json_league::DecodeLeague(text);
  } catch (const json_league::LeagueFormatError& error) {
    Fail(path, std::string("not a league: ") + error.what());
  }
  std::set<std::string_view> names;
  for (const auto& player : league) {
    if (!names.insert(player.name).second) {
      Fail(path, "not a league: " + player.name + " is listed twice");
    }
  }
  return league;
}

// The folder a file is in: "/tmp/x/db.json" -> "/tmp/x", "db.json" -> ".".
std::string Folder(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Writes all of `text` to `fd`, however many calls that takes.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Crash-safe replacement of the file's contents: a temporary file in the same
// folder (a rename is atomic only within one file system), flushed to disk
// before it is renamed over the original, and the folder flushed after, so
// that the rename itself survives a power cut. A failure removes the
// temporary file and leaves the original as it was. The new file keeps the
// original's permissions.
void SaveAtomically(const std::string& path, std::string_view text) {
  const std::string temp = path + ".tmp";
  Descriptor file(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (file.Get() < 0) {
    int error = errno;
    FailErrno(path, "cannot create " + temp, error);
  }
  // "cannot write /tmp/db.json.tmp", "cannot rename /tmp/db.json.tmp over it"
  auto give_up = [&](const char* verb, const char* rest = "") {
    int error = errno;
    ::unlink(temp.c_str());
    FailErrno(path, verb + (" " + temp) + rest, error);
  };
  struct stat original;
  if (::stat(path.c_str(), &original) == 0) ::fchmod(file.Get(), original.st_mode & 07777);
  if (!WriteAll(file.Get(), text)) give_up("cannot write");
  if (::fsync(file.Get()) != 0) give_up("cannot flush");
  if (file.Close() != 0) give_up("cannot close");
  if (::rename(temp.c_str(), path.c_str()) != 0) give_up("cannot rename", " over it");
  Descriptor folder(::open(Folder(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.Get() >= 0) ::fsync(folder.Get());
}

void Save(const std::string& path, const std::vector<Player>& league) {
  SaveAtomically(path, json_league::EncodeLeague(league) + "\n");
}

}  // namespace

FileSystemPlayerStore::FileSystemPlayerStore(std::string path) : path_(std::move(path)) {
  auto text = ReadIfExists(path_);
  if (!text || text->empty()) {
    Save(path_, {});
    return;
  }
  league_ = ParseLeague(path_, *text);
  Sort(league_);
}

std::vector<Player> FileSystemPlayerStore::GetLeague() const {
  std::scoped_lock lock(mutex_);
  return league_;
}

std::optional<int> FileSystemPlayerStore::GetPlayerScore(std::string_view name) const {
  std::scoped_lock lock(mutex_);
  auto it = std::find_if(league_.begin(), league_.end(),
                         [name](const Player& player) { return player.name == name; });
  if (it == league_.end()) return std::nullopt;
  return it->wins;
}

void FileSystemPlayerStore::RecordWin(std::string_view name) {
  const std::string one(name);
  RecordWins({&one, 1});
}

void FileSystemPlayerStore::RecordWins(std::span<const std::string> names) {
  std::scoped_lock write_lock(write_mutex_);
  std::vector<Player> league = GetLeague();
  for (const auto& name : names) {
    auto it = std::find_if(league.begin(), league.end(),
                           [&name](const Player& player) { return player.name == name; });
    if (it == league.end()) {
      league.push_back({name, 1});
    } else {
      ++it->wins;
    }
  }
  Sort(league);
  Save(path_, league);  // throws before the league in memory changes
  std::scoped_lock lock(mutex_);
  league_ = std::move(league);
}

}  // namespace file_store
