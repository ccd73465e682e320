#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include "pipeline.h"
#include "testkit/todo.h"

namespace kata {

namespace {

// What a stage's thread does with the stream before it.
using Body = std::function<void(Stream<int>& in, Sender<int> out, std::stop_token stop)>;

// A stream whose thread runs `body` over `upstream`, which it owns.
Stream<int> Downstream(Stream<int> upstream, Body body) {
  (void)upstream;
  (void)body;
  // TODO (step 1): a Stream<int>(0, ...) whose producer owns `upstream` (a
  // std::function copies what it holds: use a std::shared_ptr) and runs
  // body(*in, out, stop). (Step 3: then stops the upstream and waits for it.)
  KATA_TODO("start a stage's thread that owns the stream before it and runs body over it");
}

}  // namespace

Stream<int> operator|(Stream<int> upstream, const Stage& stage) {
  (void)upstream;
  (void)stage;
  // TODO (step 1): the stage made from the stream before it.
  KATA_TODO("apply the stage to the stream before it");
}

Stream<int> Generator(std::vector<int> values) {
  (void)values;
  // TODO (step 1): a stream that sends each value, with the stop token.
  KATA_TODO("send the values in order on a stream");
}

Stream<int> Repeat(std::vector<int> values) {
  (void)values;
  // TODO (step 2): the values again and again, until the stream is stopped.
  KATA_TODO("send the values round and round until the stream is stopped");
}

Stage Map(std::function<int(int)> f) {
  (void)f;
  (void)Downstream;
  // TODO (step 1): a stage (a function of the stream before it) that sends
  // f(value) for each value it receives.
  KATA_TODO("return a stage that applies f to each value");
}

Stage Add(int n) {
  (void)n;
  // TODO (step 1): a Map.
  KATA_TODO("add n to each value");
}

Stage Multiply(int n) {
  (void)n;
  // TODO (step 1): a Map.
  KATA_TODO("multiply each value by n");
}

Stage Take(std::size_t n) {
  (void)n;
  // TODO (step 2): a stage that forwards at most n values, then ends.
  KATA_TODO("forward the first n values, then end");
}

Stream<int> Take(std::size_t n, Stream<int> in) { return std::move(in) | Take(n); }

}  // namespace kata
