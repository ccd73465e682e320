#include "player_server.h"

#include <optional>
#include <string>
#include <string_view>

namespace http_server {
namespace {

namespace http = kata::http;

constexpr std::string_view kPlayersPrefix = "/players/";

// "/players/Pepper" -> "Pepper", from the path as sent: split first, then
// decode, so that "/players/a%2Fb" is the player "a/b". Anything else
// (another route, an empty name, one more segment) is not a player's URL.
std::optional<std::string> PlayerName(std::string_view raw_path) {
  if (!raw_path.starts_with(kPlayersPrefix)) return std::nullopt;
  raw_path.remove_prefix(kPlayersPrefix.size());
  if (raw_path.empty() || raw_path.find('/') != std::string_view::npos) return std::nullopt;
  return http::PercentDecode(raw_path);
}

}  // namespace

void PlayerServer::ServeHttp(const http::Request& request, http::Response& response) {
  auto name = PlayerName(request.raw_path);
  if (!name) {
    response.status = http::kNotFound;
    return;
  }
  if (request.method == "GET") {
    auto score = store_.GetPlayerScore(*name);
    if (!score) {
      response.status = http::kNotFound;
      return;
    }
    response.status = http::kOk;
    response.body = std::to_string(*score);
  } else if (request.method == "POST") {
    store_.RecordWin(*name);
    response.status = http::kAccepted;
  } else {
    response.status = http::kMethodNotAllowed;
    response.SetHeader("Allow", "GET, POST");
  }
}

}  // namespace http_server
