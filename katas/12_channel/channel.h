// Channel<T>: Go's chan T. Threads hand values over through it, one at a
// time, in the order they were sent.
//
//   kata::Channel<std::string> lines(16);     // buffered: up to 16 wait inside
//   std::jthread producer([out = lines] {     // a Channel is a handle: copies
//     for (...) out.Send(line);               //   share one channel
//     out.Close();                            // the sender closes, never the receiver
//   });
//   for (std::string line : lines) Use(line); // ends once closed and drained
//
// Channel(0) is a rendezvous: Send returns only once a receiver has taken the
// value. Send on a closed channel throws ClosedChannel, and so does a second
// Close; Recv gives the values still buffered, then std::nullopt for ever.
// The stop_token overloads give up when stop is requested: Send returns false
// and keeps nothing, Recv returns std::nullopt and takes nothing.
// Sender<T> and Receiver<T> are the same channel seen from one end.
//
// Thread safety: every method of every handle may be called concurrently.
// The channel lives as long as its last handle.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <utility>

#include "testkit/todo.h"

namespace kata {

// Thrown by Send on a closed channel and by a second Close.
class ClosedChannel : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <typename T>
class Channel {
 public:
  explicit Channel(std::size_t capacity = 0) : state_(std::make_shared<State>(capacity)) {}

  // Blocks until the value is in the buffer (capacity > 0) or in a
  // receiver's hands (capacity 0). Throws ClosedChannel when the channel is
  // closed before or while it waits for room. A rendezvous value already
  // offered when Close comes is delivered like a buffered one: its Send
  // still waits for a receiver to take it.
  void Send(T value) const {
    (void)value;
    // TODO (step 1): put the value in the buffer. (Step 2: wait for room;
    // on a rendezvous channel, wait until a receiver has taken it.)
    KATA_TODO("send a value");
  }

  // As Send(value), but returns false, keeping nothing, when stop is
  // requested before the value has gone.
  bool Send(T value, std::stop_token stop) const {
    (void)value;
    (void)stop;
    // TODO (step 3): wait as Send does, but give up on stop.
    KATA_TODO("send a value, or give up when stop is requested");
  }

  // Sends only if that needs no waiting: there is room in the buffer, or
  // (capacity 0) a receiver is parked waiting for a value. False otherwise,
  // and the value is dropped. Throws ClosedChannel on a closed channel.
  bool TrySend(T value) const {
    (void)value;
    // TODO (step 1): send if there is room, otherwise return false.
    KATA_TODO("send a value if there is room");
  }

  // The next value; std::nullopt once the channel is closed and drained.
  std::optional<T> Recv() const {
    // TODO (step 1): take the oldest value. (Step 2: wait for one.)
    KATA_TODO("receive a value");
  }

  // As Recv(), but std::nullopt, taking nothing, when stop is requested first.
  std::optional<T> Recv(std::stop_token stop) const {
    (void)stop;
    // TODO (step 3): wait as Recv does, but give up on stop.
    KATA_TODO("receive a value, or give up when stop is requested");
  }

  // A value if one is waiting, without blocking; std::nullopt otherwise.
  std::optional<T> TryRecv() const {
    // TODO (step 1): take the oldest value if there is one.
    KATA_TODO("receive a value if one is waiting");
  }

  // No more values will be sent: wakes every parked receiver and sender.
  // Values already buffered are still received. Throws ClosedChannel when
  // already closed.
  void Close() const {
    // TODO (step 4): mark the channel closed and wake every waiter.
    KATA_TODO("close the channel");
  }

  std::size_t Capacity() const {
    // TODO (step 1)
    KATA_TODO("return the capacity");
  }

  // Values buffered now (a rendezvous value waiting for its receiver counts).
  std::size_t Size() const {
    // TODO (step 1)
    KATA_TODO("count the buffered values");
  }

  bool Closed() const {
    // TODO (step 4)
    KATA_TODO("say whether the channel is closed");
  }

  // Threads blocked in Send (for room, or for a receiver to take the value)
  // and in Recv right now. For tests, which wait for a thread to be parked.
  int WaitingSenders() const {
    // TODO (step 2): count the senders while they wait.
    KATA_TODO("count the parked senders");
  }
  int WaitingReceivers() const {
    // TODO (step 2): count the receivers while they wait.
    KATA_TODO("count the parked receivers");
  }

  // Range-for: each iteration is a Recv; the loop ends once the channel is
  // closed and drained.
  class Iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    explicit Iterator(const Channel* channel) : channel_(channel) {
      // TODO (step 5): receive the first value.
      KATA_TODO("receive the first value of the range");
    }

    T& operator*() { return *current_; }
    Iterator& operator++() {
      // TODO (step 5): receive the next value.
      KATA_TODO("receive the next value of the range");
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const {
      // TODO (step 5): the range ends when there is no value.
      KATA_TODO("say whether the range has ended");
    }

   private:
    const Channel* channel_ = nullptr;
    std::optional<T> current_;
  };

  Iterator begin() const { return Iterator(this); }
  std::default_sentinel_t end() const { return std::default_sentinel; }

 private:
  // What every copy of this handle shares.
  struct State {
    explicit State(std::size_t capacity) : capacity(capacity) {}

    const std::size_t capacity;
    // TODO: the buffered values, a mutex to guard them, condition variables
    // to wait on (std::condition_variable_any: it can wait on a stop_token
    // too), whether the channel is closed, and the parked threads' counts.
  };

  std::shared_ptr<State> state_;
};

// TODO (step 7): the sending end of a channel: made from a Channel<T>
// (implicitly), with Send, TrySend and Close, and nothing that receives.
template <typename T>
using Sender = Channel<T>;

// TODO (step 7): the receiving end: Recv, TryRecv and range-for, nothing that
// sends or closes.
template <typename T>
using Receiver = Channel<T>;

}  // namespace kata
