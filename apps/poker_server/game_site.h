// poker_server's web site on one port (kata 5): the league (App::Handler()),
// GET /game (the page) and /ws (the game over a websocket), all served by
// kata::web::WebServer, so the page's ws://<host>/ws is the same origin.
//
// SiteFront lets the port be bound before the database is opened (a server
// that cannot listen must not touch the database): it answers 503, and
// closes websockets, until Open() hands it the site.
//
// Thread safety: GameSite's handlers may be called concurrently; Open() may
// be called once, from any thread, while the front serves.
#pragma once

#include <atomic>
#include <chrono>

#include "game_factory.h"     // kata 5
#include "game_socket.h"      // kata 5
#include "game_web_server.h"  // kata 5
#include "kata/clock.h"
#include "kata/http.h"
#include "kata/websocket.h"
#include "poker_server.h"

namespace poker_server {

class GameSite : public kata::http::Handler {
 public:
  // One blind minute lasts `blind_unit` (a minute in play; less in demos and tests).
  GameSite(App& app, kata::Duration blind_unit);

  // GET /game: the page; everything else: the league (with its request rules).
  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;
  bool AnswersAtOnce(const kata::http::Request& request) const override;
  kata::ws::SocketHandler& Sockets() { return sockets_; }

 private:
  App& app_;
  kata::RealClock clock_;
  websockets::TexasHoldemFactory games_;
  websockets::GameSocket sockets_;
  websockets::GameWebServer pages_;
};

// The socket side serves every connection through the name rule
// (kata/player_name.h), as the HTTP side does: kata 5's game reads a number
// of players, then a winner's name, and no number of players breaks the
// rule, so a message that breaks it is answered with the rule's one-line
// reason and never reaches the game. The empty message and one too long for
// the game (kata 5 answers those itself) go through.
class SiteFront : public kata::http::Handler, public kata::ws::SocketHandler {
 public:
  void Open(GameSite& site) { site_.store(&site); }

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;
  bool AnswersAtOnce(const kata::http::Request& request) const override;
  void ServeSocket(const kata::http::Request& upgrade, kata::ws::Connection& connection) override;

 private:
  std::atomic<GameSite*> site_ = nullptr;
};

}  // namespace poker_server
