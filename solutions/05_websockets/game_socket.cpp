#include "game_socket.h"

#include <charconv>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "socket_stream.h"

namespace websockets {

namespace ws = kata::ws;

namespace {

// "3" -> 3; "0", "-2", "3.5", "three", "" -> nothing.
std::optional<int> ParsePlayerCount(std::string_view text) {
  int players = 0;
  const char* end = text.data() + text.size();
  auto [stopped_at, error] = std::from_chars(text.data(), end, players);
  if (text.empty() || error != std::errc() || stopped_at != end || players < 1) return std::nullopt;
  return players;
}

// Runs a function when the scope ends, however it ends.
class OnExit {
 public:
  explicit OnExit(std::function<void()> fn) : fn_(std::move(fn)) {}
  ~OnExit() { fn_(); }
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;

 private:
  std::function<void()> fn_;
};

}  // namespace

int GameSocket::GamesInProgress() const {
  std::scoped_lock lock(mutex_);
  return games_in_progress_;
}

void GameSocket::ServeSocket(const kata::http::Request&, ws::Connection& connection) {
  // The order of these three is the point: destroyed in reverse, the game
  // goes first (cancelling its alerts), then the count drops, and only then
  // the stream its alerts were writing to.
  SocketStream alerts(connection);
  std::optional<OnExit> counted;
  std::unique_ptr<cli_poker::Game> game;

  // Receive throws ws::ClosedError when the page goes away: the game is
  // then abandoned, by the destructors above.
  for (;;) {
    auto message = connection.Receive(ws::Connection::Clock::now() + std::chrono::hours(1));
    if (!message) continue;
    if (message->size() > kMaxMessageBytes) {
      connection.Close(ws::CloseCode::kTooBig, "message too big");
      return;
    }
    if (!game) {
      auto players = ParsePlayerCount(*message);
      if (!players) {
        connection.Send(kBadPlayerCountMessage);
        continue;
      }
      {
        std::scoped_lock lock(mutex_);
        ++games_in_progress_;
      }
      counted.emplace([this] {
        std::scoped_lock lock(mutex_);
        --games_in_progress_;
      });
      game = games_.NewGame();
      game->Start(*players, alerts);
      continue;
    }
    if (message->empty()) {
      connection.Send(kBadWinnerMessage);
      continue;
    }
    game->Finish(*message);
    return;
  }
}

}  // namespace websockets
