#include <memory>
#include <optional>
#include <utility>

#include "any_of.h"
#include "pipeline.h"
#include "testkit/todo.h"

namespace kata {

Stream<int> OrDone(std::stop_token done, Receiver<int> in) {
  (void)done;
  (void)in;
  // TODO (step 6): forward `in` until it ends, `done` is requested, or the
  // stream is stopped.
  KATA_TODO("forward the channel until it ends, done is requested or the stream stops");
}

std::pair<Stream<int>, Stream<int>> Tee(Stream<int> in) {
  (void)in;
  // TODO (step 7): two streams that both get every value of `in`.
  KATA_TODO("split the stream in two");
}

Stream<int> Bridge(Stream<Stream<int>> streams) {
  (void)streams;
  // TODO (step 8): the values of each stream, one stream after the other.
  KATA_TODO("flatten the stream of streams");
}

}  // namespace kata
