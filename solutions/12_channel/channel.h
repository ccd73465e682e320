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

#include <algorithm>
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
#include <vector>

namespace kata {

// Thrown by Send on a closed channel and by a second Close: a program error,
// as Go's panic is, because only the one sender that owns a channel closes it.
class ClosedChannel : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Something a channel wakes when it changes, for a thread that waits on
// several things at once (kata 13's Select parks on one). Wake is called with
// the channel's mutex held: it must be quick and must not call the channel.
class ChannelWaker {
 public:
  virtual void Wake() = 0;

 protected:
  ~ChannelWaker() = default;
};

template <typename T>
class Channel {
 public:
  // What a ChannelWaker is woken for: a value to receive (it counts as a
  // waiting receiver), or room to send (a waiting sender). Both wake on Close.
  enum class WakeOn { kValue, kRoom };

  explicit Channel(std::size_t capacity = 0) : state_(std::make_shared<State>(capacity)) {}

  // Blocks until the value is in the buffer (capacity > 0) or in a
  // receiver's hands (capacity 0). Throws ClosedChannel when the channel is
  // closed before or while it waits for room. A rendezvous value already
  // offered when Close comes is delivered like a buffered one: its Send
  // still waits for a receiver to take it.
  void Send(T value) const { Send(std::move(value), std::stop_token()); }

  // As Send(value), but returns false, keeping nothing, when stop is
  // requested before the value has gone.
  bool Send(T value, std::stop_token stop) const {
    State& s = *state_;
    std::unique_lock lock(s.mutex);
    if (s.closed) throw ClosedChannel("Send on a closed channel");
    ++s.waiting_senders;
    const bool room = s.can_send.wait(lock, stop, [&] { return s.closed || s.HasRoom(); });
    --s.waiting_senders;
    if (s.closed) throw ClosedChannel("Send on a channel closed while the sender waited");
    if (!room) return false;
    s.queue.push_back(std::move(value));
    const std::uint64_t ticket = ++s.sent;
    s.can_recv.notify_one();
    s.WakeAll(s.recv_wakers);
    if (s.capacity > 0) return true;
    return AwaitPickup(lock, ticket, stop);
  }

  // Sends only if that needs no waiting: there is room in the buffer, or
  // (capacity 0) a receiver is parked waiting for a value. False otherwise,
  // and the value is dropped. Throws ClosedChannel on a closed channel.
  bool TrySend(T value) const {
    State& s = *state_;
    std::scoped_lock lock(s.mutex);
    if (s.closed) throw ClosedChannel("TrySend on a closed channel");
    const bool receiver_ready = s.capacity == 0 && s.queue.empty() && s.waiting_receivers > 0;
    if (s.queue.size() >= s.capacity && !receiver_ready) return false;
    s.queue.push_back(std::move(value));
    ++s.sent;
    s.can_recv.notify_one();
    s.WakeAll(s.recv_wakers);
    return true;
  }

  // The next value; std::nullopt once the channel is closed and drained.
  std::optional<T> Recv() const { return Recv(std::stop_token()); }

  // As Recv(), but std::nullopt, taking nothing, when stop is requested first.
  std::optional<T> Recv(std::stop_token stop) const {
    State& s = *state_;
    std::unique_lock lock(s.mutex);
    ++s.waiting_receivers;
    s.can_recv.wait(lock, stop, [&] { return s.closed || !s.queue.empty(); });
    --s.waiting_receivers;
    if (s.queue.empty()) return std::nullopt;  // closed and drained, or stopped
    return s.Take();
  }

  // A value if one is waiting, without blocking; std::nullopt otherwise.
  std::optional<T> TryRecv() const {
    State& s = *state_;
    std::scoped_lock lock(s.mutex);
    if (s.queue.empty()) return std::nullopt;
    return s.Take();
  }

  // No more values will be sent: wakes every parked receiver and sender.
  // Values already buffered are still received. Throws ClosedChannel when
  // already closed.
  void Close() const {
    State& s = *state_;
    std::scoped_lock lock(s.mutex);
    if (s.closed) throw ClosedChannel("Close of a closed channel");
    s.closed = true;
    // Every waiter must see it, not one of them: Close is a broadcast.
    s.can_recv.notify_all();
    s.can_send.notify_all();
    s.WakeAll(s.recv_wakers);
    s.WakeAll(s.send_wakers);
  }

  // Wakes `waker` on every change of the kind `on` says, and on Close, until
  // RemoveWaker(waker). The waker must outlive its registration.
  void AddWaker(ChannelWaker& waker, WakeOn on) const {
    std::scoped_lock lock(state_->mutex);
    (on == WakeOn::kValue ? state_->recv_wakers : state_->send_wakers).push_back(&waker);
  }
  void RemoveWaker(ChannelWaker& waker) const {
    std::scoped_lock lock(state_->mutex);
    std::erase(state_->recv_wakers, &waker);
    std::erase(state_->send_wakers, &waker);
  }

  std::size_t Capacity() const { return state_->capacity; }

  // Values buffered now (a rendezvous value waiting for its receiver counts).
  std::size_t Size() const {
    std::scoped_lock lock(state_->mutex);
    return state_->queue.size();
  }

  bool Closed() const {
    std::scoped_lock lock(state_->mutex);
    return state_->closed;
  }

  // Threads blocked in Send (for room, or for a receiver to take the value)
  // and in Recv right now, and the wakers waiting for room or for a value.
  // For tests, which wait for a thread to be parked.
  int WaitingSenders() const {
    std::scoped_lock lock(state_->mutex);
    return state_->waiting_senders + static_cast<int>(state_->send_wakers.size());
  }
  int WaitingReceivers() const {
    std::scoped_lock lock(state_->mutex);
    return state_->waiting_receivers + static_cast<int>(state_->recv_wakers.size());
  }

  // Range-for: each iteration is a Recv; the loop ends once the channel is
  // closed and drained.
  class Iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    explicit Iterator(const Channel* channel) : channel_(channel), current_(channel->Recv()) {}

    T& operator*() { return *current_; }
    Iterator& operator++() {
      current_ = channel_->Recv();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return !current_.has_value(); }

   private:
    const Channel* channel_ = nullptr;
    std::optional<T> current_;
  };

  Iterator begin() const { return Iterator(this); }
  std::default_sentinel_t end() const { return std::default_sentinel; }

 private:
  struct State {
    explicit State(std::size_t capacity) : capacity(capacity) {}

    // Room for one more value: a rendezvous holds at most the one value whose
    // sender is waiting for a receiver.
    bool HasRoom() const { return queue.size() < std::max<std::size_t>(capacity, 1); }

    T Take() {
      T value = std::move(queue.front());
      queue.pop_front();
      ++received;
      can_send.notify_one();
      WakeAll(send_wakers);
      if (capacity == 0) picked_up.notify_all();
      return value;
    }

    static void WakeAll(const std::vector<ChannelWaker*>& wakers) {
      for (ChannelWaker* waker : wakers) waker->Wake();
    }

    const std::size_t capacity;
    std::mutex mutex;
    std::condition_variable_any can_send;   // room, or closed
    std::condition_variable_any can_recv;   // a value, or closed
    std::condition_variable_any picked_up;  // a rendezvous value was taken
    std::deque<T> queue;                    // guarded by mutex
    bool closed = false;                    // guarded by mutex
    std::uint64_t sent = 0;                 // guarded by mutex: values ever queued
    std::uint64_t received = 0;             // guarded by mutex: values ever taken
    int waiting_senders = 0;                // guarded by mutex
    int waiting_receivers = 0;              // guarded by mutex

    // Wakers (AddWaker) waiting for a value, and for room.
    std::vector<ChannelWaker*> recv_wakers;  // guarded by mutex
    std::vector<ChannelWaker*> send_wakers;  // guarded by mutex
  };

  // Rendezvous: the value is queued as the `ticket`-th; waits until a
  // receiver has taken it. If stop comes first, the value is taken back: it
  // is still the only one queued, since no other sender finds room until it
  // has gone.
  bool AwaitPickup(std::unique_lock<std::mutex>& lock, std::uint64_t ticket,
                   std::stop_token stop) const {
    State& s = *state_;
    ++s.waiting_senders;
    const bool taken = s.picked_up.wait(lock, stop, [&] { return s.received >= ticket; });
    --s.waiting_senders;
    if (taken) return true;
    s.queue.pop_back();
    --s.sent;
    s.can_send.notify_one();
    s.WakeAll(s.send_wakers);
    return false;
  }

  std::shared_ptr<State> state_;
};

// The sending end of a channel: Send, TrySend and Close, nothing that
// receives. Made from a Channel (implicitly), so a function that takes a
// Sender<T> says, and the compiler checks, that it only sends.
template <typename T>
class Sender {
 public:
  Sender(Channel<T> channel) : channel_(std::move(channel)) {}  // NOLINT: implicit by design

  void Send(T value) const { channel_.Send(std::move(value)); }
  bool Send(T value, std::stop_token stop) const {
    return channel_.Send(std::move(value), std::move(stop));
  }
  bool TrySend(T value) const { return channel_.TrySend(std::move(value)); }
  void Close() const { channel_.Close(); }
  std::size_t Capacity() const { return channel_.Capacity(); }

 private:
  Channel<T> channel_;
};

// The receiving end of a channel: Recv, TryRecv, range-for, and the wakers
// and Closed an event loop needs.
template <typename T>
class Receiver {
 public:
  Receiver(Channel<T> channel) : channel_(std::move(channel)) {}  // NOLINT: implicit by design

  std::optional<T> Recv() const { return channel_.Recv(); }
  std::optional<T> Recv(std::stop_token stop) const { return channel_.Recv(std::move(stop)); }
  std::optional<T> TryRecv() const { return channel_.TryRecv(); }
  auto begin() const { return channel_.begin(); }
  auto end() const { return channel_.end(); }

  // For an event loop, which must not block in Recv: `waker` is woken when a
  // value comes or the channel closes (WakeOn::kValue) until RemoveWaker;
  // the loop then calls TryRecv, and Closed tells a channel that is empty for
  // now from one that is finished (read Closed first, then TryRecv).
  void AddWaker(ChannelWaker& waker) const { channel_.AddWaker(waker, Channel<T>::WakeOn::kValue); }
  void RemoveWaker(ChannelWaker& waker) const { channel_.RemoveWaker(waker); }
  bool Closed() const { return channel_.Closed(); }

 private:
  Channel<T> channel_;
};

}  // namespace kata
