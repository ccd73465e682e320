// Pipelines of streams: stages joined by channels, each on a thread of its
// own, composed with `|`, torn down from the tail; fan-out, fan-in, and a
// stream split in two or flattened.
//
//   for (int n : kata::Generator(1, 2, 3, 4) | kata::Add(1) | kata::Multiply(2)) {
//     Use(n);  // 4, 6, 8, 10
//   }
//
// A stage takes the stream before it by value and returns the stream after
// it. The new stream owns the old one: destroying (or cancelling) the tail
// stops its thread, which stops the stage before it, and so on up to the
// head. Every stream here is a kata::Stream<int> (kata 14), whose channel is
// a rendezvous: a stage runs at most one value ahead of its reader.
//
// Thread safety: each function may be called from any thread. A stream
// belongs to its owner (stream.h); a function that takes a stream takes
// ownership of it.
#pragma once

#include <concepts>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <utility>
#include <vector>

#include "channel.h"
#include "stream.h"

namespace kata {

// A stage of a pipeline: makes the stream after it from the stream before it.
using Stage = std::function<Stream<int>(Stream<int>)>;

// `upstream | stage` is stage(upstream): reads left to right, head to tail.
Stream<int> operator|(Stream<int> upstream, const Stage& stage);

// The values, in order, then the end.
Stream<int> Generator(std::vector<int> values);
template <std::convertible_to<int>... Values>
Stream<int> Generator(Values... values) {
  return Generator(std::vector<int>{static_cast<int>(values)...});
}

// The values, in order, again and again, until the stream is stopped.
// Throws std::invalid_argument when there is no value to repeat.
Stream<int> Repeat(std::vector<int> values);
template <std::convertible_to<int>... Values>
Stream<int> Repeat(Values... values) {
  return Repeat(std::vector<int>{static_cast<int>(values)...});
}

// Stages that apply a function to each value.
Stage Map(std::function<int(int)> f);
Stage Add(int n);       // v + n
Stage Multiply(int n);  // v * n

// The first n values, then the end; the stream before it is stopped as soon
// as the n-th value is out (or it ends first).
Stage Take(std::size_t n);
Stream<int> Take(std::size_t n, Stream<int> in);

// Fan-in: every value of every input, in whatever order they come, then the
// end, once, after the last input has ended.
Stream<int> Merge(std::vector<Stream<int>> inputs);
template <std::same_as<Stream<int>>... Inputs>
Stream<int> Merge(Inputs... inputs) {
  std::vector<Stream<int>> all;  // a braced list would copy, and a Stream cannot be copied
  all.reserve(sizeof...(inputs));
  (all.push_back(std::move(inputs)), ...);
  return Merge(std::move(all));
}

// Fan-out, then fan-in: f applied to each value of `in` on `workers` threads
// at once, the results in whatever order they are done. f must not throw.
// Throws std::invalid_argument when workers is 0.
Stream<int> ProcessAndGather(Stream<int> in, std::function<int(int)> f, std::size_t workers);

// The values of `in` until it ends, or until `done` is requested, or until
// the stream is stopped: a channel somebody else owns, read with a way out.
Stream<int> OrDone(std::stop_token done, Receiver<int> in);

// Both streams get every value of `in`, in order. While one reader pauses,
// the other still gets the current value; the next one waits until both
// have it. The first stream owns `in`: once it ends or is destroyed, so
// does the second.
std::pair<Stream<int>, Stream<int>> Tee(Stream<int> in);

// The values of each stream of `streams`, one stream after the other.
Stream<int> Bridge(Stream<Stream<int>> streams);

}  // namespace kata
