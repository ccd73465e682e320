// Select: Go's select statement as a builder. It waits on several things at
// once (channels, a stop token, a timer) and runs the handler of the one that
// is ready first; when several are ready, it picks one at random.
//
//   const std::size_t chosen = kata::Select()
//       .Recv(lines, [&](std::optional<std::string> line) { ... })  // case 0
//       .Stop(token, [&] { ... })                                   // case 1
//       .After(clock, 10s, [&] { ... })                             // case 2
//       .Run();                                                     // blocks
//
// Recv's handler gets std::nullopt once the channel is closed and drained (a
// closed channel is always ready: switch its case off with RecvIf(false, ...)).
// Send cases need a buffered channel. Default runs at once when no case is
// ready. Run returns the index of the case whose handler ran, counting every
// case in the order it was added (Default and switched-off cases included).
// The handler runs on the thread that called Run, after the select has
// stopped waiting on everything.
//
// How it waits: Run registers one waker on every channel, the stop token and
// the timer before it tries any case, then tries them from a random start,
// and sleeps on the waker until something changes. No polling.
//
// Thread safety: a Select belongs to the thread that builds and runs it; the
// channels, token and clock it waits on may be used by any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <utility>
#include <vector>

#include "channel.h"
#include "kata/clock.h"
#include "testkit/todo.h"

namespace kata {

// What a Select sleeps on. Wake may be called from any thread, any number of
// times; Wait returns once Wake has been called since the last Wait returned.
class SelectWaker final : public ChannelWaker {
 public:
  void Wake() override;
  void Wait();

 private:
  // TODO (step 2): a mutex, a condition variable, and a flag that says
  // whether Wake has been called since the last Wait returned.
};

namespace select_detail {

// One case of a select. Run calls Watch on every case, then TryTake until
// one is ready, then Unwatch on every case, then Handle on the ready one.
class Case {
 public:
  virtual ~Case() = default;
  virtual void Watch(SelectWaker& waker) = 0;    // wake `waker` when this may be ready
  virtual void Unwatch(SelectWaker& waker) = 0;  // and stop: `waker` is going away
  virtual bool TryTake() = 0;  // without blocking: ready? then take what it offers
  virtual void Handle() = 0;   // run the handler with what TryTake took
};

template <typename T>
class RecvCase final : public Case {
 public:
  RecvCase(Channel<T> channel, std::function<void(std::optional<T>)> fn)
      : channel_(std::move(channel)), fn_(std::move(fn)) {}

  void Watch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 2): have the channel wake `waker` when a value arrives.
    KATA_TODO("register the waker on the channel");
  }
  void Unwatch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 2): and no longer.
    KATA_TODO("unregister the waker");
  }

  bool TryTake() override {
    // TODO (step 1): take a value if there is one, without waiting, into
    // taken_. (Step 6: a closed and drained channel is ready too, with
    // std::nullopt.)
    KATA_TODO("try to receive");
  }
  void Handle() override { fn_(std::move(taken_)); }

 private:
  Channel<T> channel_;
  std::function<void(std::optional<T>)> fn_;
  std::optional<T> taken_;
};

template <typename T>
class SendCase final : public Case {
 public:
  SendCase(Channel<T> channel, T value, std::function<void()> fn)
      : channel_(std::move(channel)), value_(std::move(value)), fn_(std::move(fn)) {
    if (channel_.Capacity() == 0) {
      throw std::invalid_argument("Select::Send needs a buffered channel");
    }
  }

  void Watch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 2): have the channel wake `waker` when room frees up.
    KATA_TODO("register the waker on the channel");
  }
  void Unwatch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 2)
    KATA_TODO("unregister the waker");
  }
  bool TryTake() override {
    // TODO (step 1): send a copy of value_ if there is room, without waiting
    // (the value must stay for the next try if there is none).
    KATA_TODO("try to send");
  }
  void Handle() override { fn_(); }

 private:
  Channel<T> channel_;
  T value_;
  std::function<void()> fn_;
};

}  // namespace select_detail

class Select {
 public:
  // Ready when the channel holds a value (the handler gets it) or is closed
  // and drained (the handler gets std::nullopt).
  template <typename T, typename Fn>
  Select& Recv(const Channel<T>& channel, Fn fn) {
    return Add(std::make_unique<select_detail::RecvCase<T>>(channel, std::move(fn)));
  }

  // Recv when `on`; otherwise a case that is never ready (Go's nil channel).
  template <typename T, typename Fn>
  Select& RecvIf(bool on, const Channel<T>& channel, Fn fn) {
    (void)on;
    (void)channel;
    (void)fn;
    // TODO (step 1): a Recv case, or, when !on, a case that keeps its index
    // but is never tried: Add(nullptr).
    KATA_TODO("add a receive case that may be switched off");
  }

  // Ready when the channel has room: the value is sent. Throws
  // std::invalid_argument for a rendezvous channel, and Run throws
  // ClosedChannel if the channel is closed (as Go panics).
  template <typename T, typename Fn>
  Select& Send(const Channel<T>& channel, T value, Fn fn) {
    return Add(
        std::make_unique<select_detail::SendCase<T>>(channel, std::move(value), std::move(fn)));
  }

  // Ready once stop is requested on `token`.
  Select& Stop(std::stop_token token, std::function<void()> fn);

  // Ready once `delay` has passed on `clock`, counted from the start of Run.
  // The timer is stopped when Run returns.
  Select& After(Clock& clock, Duration delay, std::function<void()> fn);

  // Chosen, at once, when no case is ready.
  Select& Default(std::function<void()> fn);

  // A seam for tests: called with a case's index each time Run has tried the
  // case and found it not ready.
  Select& OnTry(std::function<void(std::size_t)> seam);

  // Waits until a case is ready (or, with a Default, not at all), runs its
  // handler, and returns its index. Throws std::logic_error when there is no
  // case to wait for.
  std::size_t Run();

 private:
  Select& Add(std::unique_ptr<select_detail::Case> c);

  std::vector<std::unique_ptr<select_detail::Case>> cases_;  // null: switched off, or Default
  std::optional<std::size_t> default_index_;
  std::function<void()> default_fn_;
  std::function<void(std::size_t)> on_try_;
};

}  // namespace kata
