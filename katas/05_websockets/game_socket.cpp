#include "game_socket.h"

#include <chrono>
#include <memory>
#include <string>

#include "socket_stream.h"
#include "testkit/todo.h"

namespace websockets {

namespace ws = kata::ws;

int GameSocket::GamesInProgress() const {
  // TODO: games started and not yet finished or abandoned.
  KATA_TODO("count the games in progress");
}

// Runs on a thread of its own for each connection. connection.Receive(deadline)
// waits for the next message and throws ws::ClosedError once the page has gone.
void GameSocket::ServeSocket(const kata::http::Request& upgrade, ws::Connection& connection) {
  (void)upgrade;
  (void)connection;
  (void)games_;
  // TODO: read the number of players, start a game, read the winner, finish it.
  KATA_TODO("play a game: count -> games_.NewGame()->Start, then winner -> Finish");
}

}  // namespace websockets
