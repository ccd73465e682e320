#include "league_cache.h"

#include "league_json.h"  // kata 2

namespace poker_server {

namespace http = kata::http;

bool LeagueCache::AnswersAtOnce(const http::Request& request) const {
  return request.method == "GET" && request.raw_path == "/league";
}

void LeagueCache::ServeHttp(const http::Request& request, http::Response& response) {
  if (!AnswersAtOnce(request)) {
    next_.ServeHttp(request, response);
    return;
  }
  response.status = http::kOk;
  response.SetHeader("Content-Type", "application/json");
  response.body = *Body();
}

std::shared_ptr<const std::string> LeagueCache::Body() {
  // The count first, then the league: the body is at least as new as the
  // count it is stored with.
  const long saves = league_.Saves();
  {
    std::scoped_lock lock(mutex_);
    if (body_ && encoded_after_ == saves) return body_;
  }
  auto body = std::make_shared<const std::string>(json_league::EncodeLeague(league_.GetLeague()));
  std::scoped_lock lock(mutex_);
  if (saves >= encoded_after_) {
    encoded_after_ = saves;
    body_ = body;
  }
  return body;
}

}  // namespace poker_server
