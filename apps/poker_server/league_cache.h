// GET /league from a cache: the league's JSON is encoded once per change,
// not once per request.
//
// Encoding 100 players through kata 2's EncodeLeague builds a JSON document
// of 100 objects and frees it again: several hundred allocations, most of a
// GET /league's time on the server (docs/architecture.md, "Where a request's
// time goes"). The league changes only when a save completes, and
// GroupCommit counts those, so the cache keeps the last body with the count
// it was encoded after. A reader that sees a newer count encodes again, so
// a client whose win was acknowledged sees it in its next GET /league.
// Every other request goes to the next handler unchanged.
//
// Thread safety: ServeHttp may be called from many threads at once.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "group_commit.h"
#include "kata/http.h"

namespace poker_server {

class LeagueCache : public kata::http::Handler {
 public:
  LeagueCache(const GroupCommit& league, kata::http::Handler& next)
      : league_(league), next_(next) {}

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;
  // GET /league: at worst it encodes the league, under no lock that I/O
  // holds; everything else may wait on the disk.
  bool AnswersAtOnce(const kata::http::Request& request) const override;

 private:
  std::shared_ptr<const std::string> Body();

  const GroupCommit& league_;
  kata::http::Handler& next_;
  std::mutex mutex_;
  long encoded_after_ = -1;  // guarded by mutex_: the saves count body_ was encoded after
  std::shared_ptr<const std::string> body_;  // guarded by mutex_
};

}  // namespace poker_server
