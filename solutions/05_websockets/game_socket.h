// The game over a websocket (/ws): the page sends the number of players, the
// server starts a game whose blind alerts it pushes as text frames, the page
// sends the winner's name, the server finishes the game and closes.
//
//   page -> "3"                    a game for 3 players starts
//   page <- "Blind is now 100"     ...one frame per blind, as it goes up
//   page -> "Ruth"                 Ruth's win is recorded; the server closes (1000)
//
// A count that is not a whole number above zero gets kBadPlayerCountMessage
// and the page may try again; an empty winner gets kBadWinnerMessage. A
// message longer than kMaxMessageBytes closes the connection with 1009 (too
// big). A page that goes away mid-game ends its game: its alerts are
// cancelled and no win is recorded.
//
// Thread safety: the server calls ServeSocket on one thread per connection,
// many at once; GamesInProgress may be called from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string_view>

#include "game_factory.h"
#include "kata/websocket.h"

namespace websockets {

inline constexpr std::size_t kMaxMessageBytes = 64;
inline constexpr std::string_view kBadPlayerCountMessage =
    "That is not a number of players: send a whole number above zero.";
inline constexpr std::string_view kBadWinnerMessage = "That is not a winner: send a name.";

class GameSocket : public kata::ws::SocketHandler {
 public:
  // `games` must outlive the handler.
  explicit GameSocket(GameFactory& games) : games_(games) {}

  void ServeSocket(const kata::http::Request& upgrade, kata::ws::Connection& connection) override;

  // Games started and neither finished nor abandoned yet, over all
  // connections.
  int GamesInProgress() const;

 private:
  GameFactory& games_;
  mutable std::mutex mutex_;
  int games_in_progress_ = 0;  // guarded by mutex_
};

}  // namespace websockets
