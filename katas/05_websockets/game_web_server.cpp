#include "game_web_server.h"

#include "game_page_html.h"
#include "testkit/todo.h"

namespace websockets {

namespace http = kata::http;

std::string HtmlEscape(std::string_view text) {
  (void)text;
  // TODO: replace & < > " ' with their character references.
  KATA_TODO("escape & < > \" ' in text");
}

// GET /game: kGamePage (game_page_html.h) with kPlayersPlaceholder replaced by
// the league's players. Any other path: league_, kata 2's server.
void GameWebServer::ServeHttp(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  (void)store_;
  // TODO: serve the page on GET /game; hand everything else to league_.
  KATA_TODO("serve GET /game as text/html; pass other paths to league_");
}

}  // namespace websockets
