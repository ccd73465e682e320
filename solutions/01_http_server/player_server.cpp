#include "player_server.h"

#include <optional>
#include <string>
#include <string_view>

namespace http_server {
namespace {

namespace http = kata::http;

constexpr std::string_view kPlayersPrefix = "/players/";

// "/players/Pepper" -> "Pepper". Anything else (another route, an empty
// name, a name with a '/') is not a player's URL.
std::optional<std::string_view> PlayerName(std::string_view path) {
  if (!path.starts_with(kPlayersPrefix)) return std::nullopt;
  path.remove_prefix(kPlayersPrefix.size());
  if (path.empty() || path.find('/') != std::string_view::npos) return std::nullopt;
  return path;
}

}  // namespace

void PlayerServer::ServeHttp(const http::Request& request, http::Response& response) {
  auto name = PlayerName(request.path);
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
