// Stream<T>: a channel together with the thread that feeds it. Whoever holds
// the stream owns that thread, and can stop it: Go's generator with its done
// channel, where the done channel is the stream's own stop token.
//
//   kata::Stream<int> numbers(0, [](kata::Sender<int> out, std::stop_token stop) {
//     for (int i = 0; out.Send(i, stop); ++i) {}  // until the owner stops it
//   });
//   for (int n : numbers) {
//     if (n > 5) break;  // the stream's destructor stops the producer and joins it
//   }
//
// A Stream is a Receiver<T>: range-for, Recv and TryRecv read what the
// producer sends. The producer runs on a std::jthread of the stream's own; when
// it returns, the stream closes the channel, so the consumer's range ends.
// Cancel() and the destructor request stop and wait for the producer to
// return. A producer must therefore send (and receive) with its stop token, or
// stopping it hangs the owner at the join; and it must not throw (an
// exception that leaves a thread's function ends the program).
//
// Thread safety: reading may happen on any thread, as on any Receiver.
// Cancel, moves and the destructor belong to the owner's thread.
#pragma once

#include <cstddef>
#include <functional>
#include <stop_token>
#include <thread>
#include <utility>

#include "channel.h"
#include "testkit/todo.h"

namespace kata {

template <typename T>
class Stream : public Receiver<T> {
 public:
  using Producer = std::function<void(Sender<T> out, std::stop_token stop)>;

  // Starts `produce` on a thread of its own, sending into a channel of
  // `capacity` (0: a rendezvous); closes the channel when `produce` returns.
  Stream(std::size_t capacity, Producer produce)
      : Stream(Channel<T>(capacity), std::move(produce)) {}

  // Requests stop and waits until the producer has returned (and the channel
  // is closed). Values still buffered can be read afterwards; then the range
  // ends. Calling it again does nothing.
  void Cancel() {
    // TODO (step 3): ask producer_ to stop, then wait for it.
    KATA_TODO("stop the producer and wait until it has returned");
  }

  // producer_'s destructor (and its move assignment) requests stop and joins:
  // a stream that goes out of scope never leaves its thread behind.

 private:
  Stream(Channel<T> channel, Producer produce) : Receiver<T>(channel) {
    (void)produce;
    // TODO (step 1): start producer_ on a thread that runs produce with a
    // Sender<T> of the channel and the thread's stop token, then closes it.
    KATA_TODO("start the producer on a thread of its own");
  }

  std::jthread producer_;
};

}  // namespace kata
