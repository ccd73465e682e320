#include "game_site.h"

namespace poker_server {

namespace http = kata::http;

GameSite::GameSite(App& app, kata::Duration blind_unit)
    : app_(app), games_(clock_, app.Store(), blind_unit), sockets_(games_), pages_(app.Store()) {}

void GameSite::ServeHttp(const http::Request& request, http::Response& response) {
  if (request.path == "/game") {
    pages_.ServeHttp(request, response);
  } else {
    app_.Handler().ServeHttp(request, response);
  }
}

void SiteFront::ServeHttp(const http::Request& request, http::Response& response) {
  if (GameSite* site = site_.load()) {
    site->ServeHttp(request, response);
    return;
  }
  response.status = 503;
  response.body = "starting up\n";
}

void SiteFront::ServeSocket(const http::Request& upgrade, kata::ws::Connection& connection) {
  if (GameSite* site = site_.load()) site->Sockets().ServeSocket(upgrade, connection);
}

}  // namespace poker_server
