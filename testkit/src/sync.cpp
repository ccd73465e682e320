#include "testkit/sync.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "testkit/eventually.h"

namespace kata::testkit {

void Gate::Open() {
  {
    std::scoped_lock lock(mutex_);
    open_ = true;
  }
  changed_.notify_all();
}

bool Gate::IsOpen() const {
  std::scoped_lock lock(mutex_);
  return open_;
}

bool Gate::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ++arrived_;
  changed_.notify_all();
  return changed_.wait_for(lock, timeout, [&] { return open_; });
}

int Gate::Arrived() const {
  std::scoped_lock lock(mutex_);
  return arrived_;
}

::testing::AssertionResult Gate::WaitForArrivals(int n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return arrived_ >= n || open_; });
  if (arrived_ >= n) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << arrived_ << " of " << n << " threads reached the gate"
                                       << (open_ ? " before it was opened" : " in time");
}

Rendezvous::Rendezvous(int n, std::chrono::milliseconds give_up) : n_(n), give_up_(give_up) {}

void Rendezvous::Enter() {
  std::unique_lock lock(mutex_);
  ++inside_;
  peak_ = std::max(peak_, inside_);
  if (inside_ >= n_) {
    met_ = true;
    open_ = true;
    changed_.notify_all();
    return;
  }
  if (!changed_.wait_for(lock, give_up_, [&] { return open_; })) {
    open_ = true;  // give up once for everybody, not once per caller
    changed_.notify_all();
  }
}

void Rendezvous::Leave() {
  std::scoped_lock lock(mutex_);
  --inside_;
}

bool Rendezvous::Arrive() {
  Enter();
  bool met = Met();
  Leave();
  return met;
}

Rendezvous::Inside::Inside(Rendezvous& rendezvous) : rendezvous_(rendezvous) {
  rendezvous_.Enter();
}

Rendezvous::Inside::~Inside() { rendezvous_.Leave(); }

int Rendezvous::Peak() const {
  std::scoped_lock lock(mutex_);
  return peak_;
}

int Rendezvous::Current() const {
  std::scoped_lock lock(mutex_);
  return inside_;
}

bool Rendezvous::Met() const {
  std::scoped_lock lock(mutex_);
  return met_;
}

::testing::AssertionResult Rendezvous::WasMet() const {
  std::scoped_lock lock(mutex_);
  if (met_) return ::testing::AssertionSuccess() << "peak " << peak_;
  return ::testing::AssertionFailure() << "peak " << peak_ << ", want " << n_
                                       << " inside at once";
}

void NoThreadLeaks::SetUp() {
  baseline_ = LiveThreads();
}

void NoThreadLeaks::TearDown() {
  EXPECT_TRUE(Eventually([&] { return LiveThreads() <= baseline_; }, settle_time_))
      << "the test left threads running: " << LiveThreads() << " alive, " << baseline_
      << " when it started";
}

void RunOnThreads(int n, const std::function<void(int)>& work) {
  std::latch start(n);
  std::mutex error_mutex;
  std::exception_ptr first_error;
  {
    std::vector<std::jthread> threads;
    threads.reserve(n);
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          work(i);
        } catch (...) {
          std::scoped_lock lock(error_mutex);
          if (!first_error) first_error = std::current_exception();
        }
      });
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace kata::testkit
