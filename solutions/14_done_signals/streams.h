// Streams that stop when their owner says so, and a search whose losers stop
// once a winner has answered.
//
//   for (int i : kata::CountTo(10)) {
//     if (i > 5) break;  // leaves no thread behind
//   }
//   std::string hit = kata::FirstOf("pepper", {by_name, by_score, by_city});
//
// Thread safety: each function may be called from any thread. The streams
// belong to the caller (stream.h).
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "channel.h"
#include "stream.h"

namespace kata {

// 0, 1, ..., n - 1, then the stream ends. Stops early when its owner does.
Stream<int> CountTo(int n);

// Random numbers for ever (std::mt19937 seeded with `seed`), until the owner
// cancels the stream.
Stream<std::uint32_t> RandomNumbers(std::uint32_t seed);

// Each word from `words`, in upper case, until `words` is closed and drained
// or the owner stops the stream: a worker that waits on a channel must wake
// when it is stopped, even if nobody ever sends.
Stream<std::string> Upper(Receiver<std::string> words);

// One way of answering a query. It must return once `stop` is requested
// (what it returns then is ignored), and must not throw.
using Searcher = std::function<std::string(const std::string& query, std::stop_token stop)>;

// Runs every searcher at once, each on a thread of its own, and returns the
// first answer. The others are stopped, and have returned, when FirstOf
// returns. Throws std::invalid_argument when there is no searcher.
std::string FirstOf(const std::string& query, const std::vector<Searcher>& searchers);

}  // namespace kata
