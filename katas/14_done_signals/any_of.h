// AnyOf: one stop signal made of several, Go's or-channel. Its token stops as
// soon as any of the input tokens stops.
//
//   kata::AnyOf stop{request.get_token(), deadline.Token(), shutdown.get_token()};
//   channel.Recv(stop.Token());  // gives up on whichever comes first
//
// It registers one std::stop_callback on each input, and starts no thread.
// With no input nothing can ever stop it; with one, it stops with that one.
// Destroying it removes every callback it registered: an input stopped later
// touches nothing of it.
//
// Thread safety: inputs may be stopped from any threads, at once; Token,
// StopRequested and FirstStopped may be called from any thread. Not copyable
// or movable: its callbacks point at it.
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <initializer_list>
#include <optional>
#include <stop_token>
#include <vector>

namespace kata {

class AnyOf {
 public:
  explicit AnyOf(const std::vector<std::stop_token>& inputs);
  AnyOf(std::initializer_list<std::stop_token> inputs)
      : AnyOf(std::vector<std::stop_token>(inputs)) {}
  AnyOf(const AnyOf&) = delete;
  AnyOf& operator=(const AnyOf&) = delete;

  // Stops when the first input stops (at once if one already has). With no
  // inputs, a token that can never stop: stop_possible() is false.
  std::stop_token Token() const;
  bool StopRequested() const { return source_.stop_requested(); }

  // The position of the input that stopped first; std::nullopt while none has.
  std::optional<std::size_t> FirstStopped() const;

 private:
  // What each input's stop_callback calls: a small object, so the callback
  // type has a name the deque below can hold.
  struct Forward {
    AnyOf* any;
    std::size_t index;
    void operator()() const noexcept { any->InputStopped(index); }
  };

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  void InputStopped(std::size_t index) noexcept;

  const bool never_stops_;
  std::stop_source source_;
  // Written by whichever input's callback comes first, on that input's
  // thread, while other callbacks may run on theirs: atomic.
  std::atomic<std::size_t> first_ = kNone;
  // Last: destroyed first, so no callback can run on a half-destroyed AnyOf
  // (a stop_callback's destructor waits for its callback if it is running).
  std::deque<std::stop_callback<Forward>> callbacks_;
};

}  // namespace kata
