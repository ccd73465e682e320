#include "game_web_server.h"

#include "game_page_html.h"

namespace websockets {

namespace http = kata::http;

std::string HtmlEscape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

void GameWebServer::ServeHttp(const http::Request& request, http::Response& response) {
  if (request.path != "/game") {
    league_.ServeHttp(request, response);
    return;
  }
  if (request.method != "GET") {
    response.status = http::kMethodNotAllowed;
    response.SetHeader("Allow", "GET");
    return;
  }
  std::string options;
  for (const auto& player : store_.GetLeague()) {
    options += "<option value=\"" + HtmlEscape(player.name) + "\"></option>";
  }
  std::string page(kGamePage);
  page.replace(page.find(kPlayersPlaceholder), kPlayersPlaceholder.size(), options);
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  response.body = std::move(page);
}

}  // namespace websockets
