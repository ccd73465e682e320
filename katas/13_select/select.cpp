#include "select.h"

#include "testkit/todo.h"

namespace kata {

void SelectWaker::Wake() {
  // TODO (step 2): set the flag, and wake the thread in Wait.
  KATA_TODO("wake the select");
}

void SelectWaker::Wait() {
  // TODO (step 2): sleep until the flag is set, then clear it.
  KATA_TODO("sleep until woken");
}

namespace {

using select_detail::Case;

class StopCase final : public Case {
 public:
  StopCase(std::stop_token token, std::function<void()> fn)
      : token_(std::move(token)), fn_(std::move(fn)) {}

  void Watch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 7): wake `waker` when stop is requested.
    KATA_TODO("register a stop callback");
  }
  void Unwatch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 7)
    KATA_TODO("remove the stop callback");
  }
  bool TryTake() override {
    // TODO (step 7)
    KATA_TODO("say whether stop was requested");
  }
  void Handle() override { fn_(); }

 private:
  std::stop_token token_;
  std::function<void()> fn_;
};

class AfterCase final : public Case {
 public:
  AfterCase(Clock& clock, Duration delay, std::function<void()> fn)
      : clock_(clock), delay_(delay), fn_(std::move(fn)) {}

  void Watch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 4): start a timer on clock_ that marks this case fired and
    // wakes `waker`.
    KATA_TODO("start the timer");
  }
  void Unwatch(SelectWaker& waker) override {
    (void)waker;
    // TODO (step 4): stop the timer.
    KATA_TODO("stop the timer");
  }
  bool TryTake() override {
    // TODO (step 4)
    KATA_TODO("say whether the timer has fired");
  }
  void Handle() override { fn_(); }

 private:
  Clock& clock_;
  const Duration delay_;
  std::function<void()> fn_;
};

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
  (void)fn;
  // TODO (step 3): remember the index and the function; Add(nullptr).
  KATA_TODO("add a default");
}

Select& Select::OnTry(std::function<void(std::size_t)> seam) {
  on_try_ = std::move(seam);
  return *this;
}

std::size_t Select::Run() {
  // TODO (step 1): try the cases; run the ready one's Handle and return its
  // index. (Step 2: register a waker first and sleep on it when none is
  // ready; step 3: the Default; step 5: start at a random case.)
  KATA_TODO("choose a ready case and run its handler");
}

}  // namespace kata
