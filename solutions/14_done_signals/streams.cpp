#include "streams.h"

#include <cctype>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

namespace kata {

Stream<int> CountTo(int n) {
  return Stream<int>(0, [n](Sender<int> out, std::stop_token stop) {
    for (int i = 0; i < n; ++i) {
      // With the token: once the owner stops the stream, a Send that waits
      // for a receiver nobody will be gives up, and the thread can end.
      if (!out.Send(i, stop)) return;
    }
  });
}

Stream<std::uint32_t> RandomNumbers(std::uint32_t seed) {
  return Stream<std::uint32_t>(0, [seed](Sender<std::uint32_t> out, std::stop_token stop) {
    std::mt19937 random(seed);
    while (out.Send(static_cast<std::uint32_t>(random()), stop)) {
    }
  });
}

namespace {

std::string ToUpper(std::string word) {
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

}  // namespace

Stream<std::string> Upper(Receiver<std::string> words) {
  return Stream<std::string>(0, [words](Sender<std::string> out, std::stop_token stop) {
    // Recv with the token: nobody may ever send on `words`, and a stop
    // request must still wake this thread.
    while (std::optional<std::string> word = words.Recv(stop)) {
      if (!out.Send(ToUpper(std::move(*word)), stop)) return;
    }
  });
}

std::string FirstOf(const std::string& query, const std::vector<Searcher>& searchers) {
  if (searchers.empty()) throw std::invalid_argument("FirstOf needs at least one searcher");
  // Room for every answer: a searcher that answers after the winner never
  // waits for a receiver that is gone.
  Channel<std::string> answers(searchers.size());
  std::vector<std::jthread> threads;
  threads.reserve(searchers.size());
  for (const Searcher& search : searchers) {
    threads.emplace_back([&search, &query, answers](std::stop_token stop) {
      answers.Send(search(query, stop), stop);
    });
  }
  std::string first = *answers.Recv();
  for (std::jthread& thread : threads) thread.request_stop();
  return first;  // the jthreads' destructors join the losers, which are stopping
}

}  // namespace kata
