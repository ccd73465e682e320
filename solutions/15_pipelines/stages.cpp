#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include "pipeline.h"

namespace kata {

namespace {

// What a stage's thread does with the stream before it.
using Body = std::function<void(Stream<int>& in, Sender<int> out, std::stop_token stop)>;

// A stream whose thread runs `body` over `upstream`, which it owns. A
// std::function copies what it holds, and a Stream cannot be copied: it
// travels in a shared_ptr, whose only copy is the thread's.
Stream<int> Downstream(Stream<int> upstream, Body body) {
  auto in = std::make_shared<Stream<int>>(std::move(upstream));
  return Stream<int>(0, [in, body = std::move(body)](Sender<int> out, std::stop_token stop) {
    body(*in, out, stop);
    // Stopped, finished or ended: stop the stage before this one and wait
    // for it, so that the pipeline comes down from the tail to the head and
    // this stream ends only once every stage upstream has returned.
    in->Cancel();
  });
}

}  // namespace

Stream<int> operator|(Stream<int> upstream, const Stage& stage) {
  return stage(std::move(upstream));
}

Stream<int> Generator(std::vector<int> values) {
  return Stream<int>(0, [values = std::move(values)](Sender<int> out, std::stop_token stop) {
    for (int value : values) {
      if (!out.Send(value, stop)) return;
    }
  });
}

Stream<int> Repeat(std::vector<int> values) {
  if (values.empty()) throw std::invalid_argument("Repeat needs at least one value");
  return Stream<int>(0, [values = std::move(values)](Sender<int> out, std::stop_token stop) {
    for (;;) {
      for (int value : values) {
        if (!out.Send(value, stop)) return;
      }
    }
  });
}

Stage Map(std::function<int(int)> f) {
  Body body = [f = std::move(f)](Stream<int>& in, Sender<int> out, std::stop_token stop) {
    // Both waits take the token: the reader after this stage may have gone
    // (a Send nobody takes), and so may the writer before it.
    while (std::optional<int> value = in.Recv(stop)) {
      if (!out.Send(f(*value), stop)) return;
    }
  };
  return [body](Stream<int> upstream) { return Downstream(std::move(upstream), body); };
}

Stage Add(int n) {
  return Map([n](int value) { return value + n; });
}

Stage Multiply(int n) {
  return Map([n](int value) { return value * n; });
}

Stage Take(std::size_t n) {
  Body body = [n](Stream<int>& in, Sender<int> out, std::stop_token stop) {
    for (std::size_t taken = 0; taken < n; ++taken) {
      std::optional<int> value = in.Recv(stop);
      if (!value || !out.Send(*value, stop)) return;
    }
  };
  return [body](Stream<int> upstream) { return Downstream(std::move(upstream), body); };
}

Stream<int> Take(std::size_t n, Stream<int> in) { return std::move(in) | Take(n); }

}  // namespace kata
