// Once runs a function exactly once, however many threads ask (Go's
// sync.Once); Lazy<T> builds a value on first use through a Once.
//
// Not std::call_once: with this toolchain (g++ 12 + ThreadSanitizer) a
// call_once whose function throws never lets a later call run again.
//
// Thread safety: Do and Get may be called concurrently. Neither type may be
// copied or moved (a copied Once would run again).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace sync_toolbox {

class Once {
 public:
  Once() = default;
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  // Runs fn unless a call to Do has already completed. Callers that arrive
  // while fn runs wait for it. If fn throws, the exception reaches its caller
  // and the Once is still not done: the next Do runs its own function.
  void Do(const std::function<void()>& fn);

 private:
  // TODO: what must a Once remember, and what guards it?
};

template <typename T>
class Lazy {
 public:
  explicit Lazy(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}

  // The value, built by the first call that succeeds.
  T& Get() {
    once_.Do([&] { value_ = make_(); });
    return *value_;
  }

 private:
  std::function<std::unique_ptr<T>()> make_;
  Once once_;
  std::unique_ptr<T> value_;
};

}  // namespace sync_toolbox
