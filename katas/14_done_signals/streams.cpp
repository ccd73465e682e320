#include "streams.h"

#include <cctype>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

#include "testkit/todo.h"

namespace kata {

Stream<int> CountTo(int n) {
  (void)n;
  // TODO (step 1): a Stream<int> whose producer sends 0 to n - 1. (Step 2:
  // and gives up once its owner stops it.)
  KATA_TODO("count from 0 to n - 1 on a stream");
}

Stream<std::uint32_t> RandomNumbers(std::uint32_t seed) {
  (void)seed;
  // TODO (step 3): send std::mt19937(seed)'s numbers until stopped.
  KATA_TODO("send random numbers until the stream is stopped");
}

Stream<std::string> Upper(Receiver<std::string> words) {
  (void)words;
  // TODO (step 4): forward each word in upper case; stop when words is
  // closed, or when the stream is stopped, even if nobody ever sends.
  KATA_TODO("forward the words in upper case until words is closed or the stream stops");
}

std::string FirstOf(const std::string& query, const std::vector<Searcher>& searchers) {
  (void)query;
  (void)searchers;
  // TODO (step 5): run every searcher on a thread of its own; return the
  // first answer once the others are stopped and gone.
  KATA_TODO("return the first searcher's answer and stop the others");
}

}  // namespace kata
