#include "game_site.h"

#include <optional>
#include <string>
#include <string_view>

#include "kata/player_name.h"

namespace poker_server {

namespace http = kata::http;
namespace ws = kata::ws;

namespace {

// A connection whose Receive answers a message that breaks the name rule
// itself, and waits for the next.
class NameRuleConnection : public ws::Connection {
 public:
  explicit NameRuleConnection(ws::Connection& connection) : connection_(connection) {}

  bool Send(std::string_view text) override { return connection_.Send(text); }

  std::optional<std::string> Receive(Clock::time_point deadline) override {
    for (;;) {
      auto message = connection_.Receive(deadline);
      if (!message || message->empty() || message->size() > websockets::kMaxMessageBytes) {
        return message;
      }
      auto problem = kata::NameProblem(*message);
      if (!problem) return message;
      connection_.Send(*problem);
    }
  }

  void Close(ws::CloseCode code, std::string_view reason) override { connection_.Close(code, reason); }
  bool IsOpen() const override { return connection_.IsOpen(); }

 private:
  ws::Connection& connection_;
};

}  // namespace

GameSite::GameSite(App& app, kata::Duration blind_unit)
    : app_(app), games_(clock_, app.Store(), blind_unit), sockets_(games_), pages_(app.Store()) {}

void GameSite::ServeHttp(const http::Request& request, http::Response& response) {
  if (request.path == "/game") {
    pages_.ServeHttp(request, response);
  } else {
    app_.Handler().ServeHttp(request, response);
  }
}

bool GameSite::AnswersAtOnce(const http::Request& request) const {
  return request.path != "/game" && app_.Handler().AnswersAtOnce(request);
}

bool SiteFront::AnswersAtOnce(const http::Request& request) const {
  GameSite* site = site_.load();
  return site != nullptr && site->AnswersAtOnce(request);
}

void SiteFront::ServeHttp(const http::Request& request, http::Response& response) {
  if (GameSite* site = site_.load()) {
    site->ServeHttp(request, response);
    return;
  }
  response.status = 503;
  response.body = "starting up\n";
}

void SiteFront::ServeSocket(const http::Request& upgrade, ws::Connection& connection) {
  NameRuleConnection checked(connection);
  if (GameSite* site = site_.load()) site->Sockets().ServeSocket(upgrade, checked);
}

}  // namespace poker_server
