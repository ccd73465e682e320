#include "select.h"

#include <algorithm>
#include <atomic>
#include <random>

namespace kata {

void SelectWaker::Wake() {
  {
    std::scoped_lock lock(mutex_);
    notified_ = true;
  }
  woken_.notify_one();
}

void SelectWaker::Wait() {
  std::unique_lock lock(mutex_);
  woken_.wait(lock, [&] { return notified_; });
  notified_ = false;
}

namespace {

using select_detail::Case;

class StopCase final : public Case {
 public:
  StopCase(std::stop_token token, std::function<void()> fn)
      : token_(std::move(token)), fn_(std::move(fn)) {}

  void Watch(SelectWaker& waker) override {
    // Runs Wake at once if stop was requested already.
    callback_.emplace(token_, [&waker] { waker.Wake(); });
  }
  void Unwatch(SelectWaker&) override { callback_.reset(); }
  bool TryTake() override { return token_.stop_requested(); }
  void Handle() override { fn_(); }

 private:
  std::stop_token token_;
  std::function<void()> fn_;
  std::optional<std::stop_callback<std::function<void()>>> callback_;
};

class AfterCase final : public Case {
 public:
  AfterCase(Clock& clock, Duration delay, std::function<void()> fn)
      : clock_(clock), delay_(delay), fn_(std::move(fn)) {}

  void Watch(SelectWaker& waker) override {
    fired_.store(false);
    timer_ = clock_.AfterFunc(delay_, [this, &waker] {
      fired_.store(true);
      waker.Wake();
    });
  }
  // After Stop the timer's function is neither running nor going to run, so
  // it cannot touch the waker, which is about to go.
  void Unwatch(SelectWaker&) override { timer_.Stop(); }
  bool TryTake() override { return fired_.load(); }
  void Handle() override { fn_(); }

 private:
  Clock& clock_;
  const Duration delay_;
  std::function<void()> fn_;
  Timer timer_;
  std::atomic<bool> fired_ = false;  // set on the clock's thread, read by Run
};

// Registers the waker on every case for as long as it lives.
class Watching {
 public:
  Watching(std::vector<std::unique_ptr<Case>>& cases, SelectWaker& waker)
      : cases_(cases), waker_(waker) {
    for (auto& c : cases_) {
      if (c) c->Watch(waker_);
    }
  }
  ~Watching() {
    for (auto& c : cases_) {
      if (c) c->Unwatch(waker_);
    }
  }
  Watching(const Watching&) = delete;
  Watching& operator=(const Watching&) = delete;

 private:
  std::vector<std::unique_ptr<Case>>& cases_;
  SelectWaker& waker_;
};

std::size_t RandomBelow(std::size_t n) {
  thread_local std::minstd_rand engine(std::random_device{}());
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(engine);
}

}  // namespace

Select& Select::Add(std::unique_ptr<Case> c) {
  cases_.push_back(std::move(c));
  return *this;
}

Select& Select::Stop(std::stop_token token, std::function<void()> fn) {
  return Add(std::make_unique<StopCase>(std::move(token), std::move(fn)));
}

Select& Select::After(Clock& clock, Duration delay, std::function<void()> fn) {
  return Add(std::make_unique<AfterCase>(clock, delay, std::move(fn)));
}

Select& Select::Default(std::function<void()> fn) {
  default_index_ = cases_.size();
  default_fn_ = std::move(fn);
  return Add(nullptr);
}

Select& Select::OnTry(std::function<void(std::size_t)> seam) {
  on_try_ = std::move(seam);
  return *this;
}

std::size_t Select::Run() {
  if (std::ranges::none_of(cases_, [](const auto& c) { return c != nullptr; }) && !default_index_) {
    throw std::logic_error("Select::Run with no case to wait for would wait for ever");
  }
  const std::size_t chosen = Choose();
  if (chosen == default_index_) {
    default_fn_();
  } else {
    cases_[chosen]->Handle();
  }
  return chosen;
}

// The waker is on every channel before the first case is tried: a change
// that comes after a case was found not ready still wakes it.
std::size_t Select::Choose() {
  SelectWaker waker;
  Watching watching(cases_, waker);
  for (;;) {
    if (auto ready = TryFromRandomStart()) return *ready;
    if (default_index_) return *default_index_;
    waker.Wait();
  }
}

std::optional<std::size_t> Select::TryFromRandomStart() {
  const std::size_t n = cases_.size();
  const std::size_t start = RandomBelow(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = (start + k) % n;
    if (!cases_[i]) continue;
    if (cases_[i]->TryTake()) return i;
    if (on_try_) on_try_(i);
  }
  return std::nullopt;
}

}  // namespace kata
