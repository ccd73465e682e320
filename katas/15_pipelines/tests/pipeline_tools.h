// The tools of the pipeline tests: a census of threads, a call watched from
// a thread of its own, reads that give up, and inputs the test feeds by hand.
//
// ThreadCensus notes the process's threads by id when it is made; NoneAdded()
// waits until every thread alive was already alive then. By id, not by
// count: a thread that an earlier test joined can stay listed for a moment
// after its join, and in a count it would hide a new one.
//
// Background runs a function on a thread of its own, so that a test can
// watch a call that may block for ever and still end when it does not
// return: wait with ReturnsWithin, free the call if it must, then Join.
//
// NextWithin and ReadToEnd read a stream on such a thread. When the stream
// neither gives a value nor ends within kPrompt, they call `rescue`, which
// must end the stream (cancel it), and say that the read was late.
//
// Feed(channel) is a stream that forwards what the test sends on `channel`,
// and ends when the test closes it: an input the test controls value by
// value.
//
//   leak_test::ThreadCensus threads;
//   kata::Channel<int> a(8), b(8);
//   kata::Stream<int> merged = kata::Merge(leak_test::Feed(a), leak_test::Feed(b));
//   a.Send(1);
//   const auto next = leak_test::NextWithin(merged, [&] { merged.Cancel(); });
//   EXPECT_TRUE(next.in_time);
//   EXPECT_EQ(next.value, 1);
//
// kPrompt is how long "at once" may take: a hand-off through a channel, or
// stopping and joining a thread, takes milliseconds, even under
// ThreadSanitizer on a loaded machine.
//
// Thread safety: Done and ReturnsWithin may be called from any thread; Join
// from the test's thread, once. A census may be read from any thread.
#pragma once

#include <dirent.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <functional>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "channel.h"
#include "stream.h"
#include "testkit/eventually.h"
#include "testkit/threads.h"

namespace leak_test {

inline constexpr std::chrono::milliseconds kPrompt{1000};

class ThreadCensus {
 public:
  ThreadCensus() {
    kata::testkit::LiveThreads();  // once per process: starts ThreadSanitizer's helper thread
    before_ = Ids();
  }

  // Waits, for real, at most `timeout` until no thread is alive that was not
  // alive at the census.
  ::testing::AssertionResult NoneAdded(std::chrono::milliseconds timeout = kPrompt) const {
    int added = 0;
    const bool none = static_cast<bool>(kata::testkit::Eventually(
        [&] {
          added = 0;
          for (int id : Ids()) added += before_.count(id) == 0 ? 1 : 0;
          return added == 0;
        },
        timeout));
    if (none) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << added << " thread(s) started since the census still alive";
  }

 private:
  // With <dirent.h>, not <filesystem>: every test file includes this one,
  // and <filesystem> would cost each of them a third of a second of compiling.
  static std::set<int> Ids() {
    std::set<int> ids;
    DIR* tasks = opendir("/proc/self/task");
    if (tasks == nullptr) return ids;
    while (const dirent* task = readdir(tasks)) {
      if (task->d_name[0] != '.') ids.insert(std::atoi(task->d_name));
    }
    closedir(tasks);
    return ids;
  }

  std::set<int> before_;
};

class Background {
 public:
  explicit Background(std::function<void()> fn)
      : thread_([this, fn = std::move(fn)] {
          try {
            fn();
          } catch (...) {  // a KATA_TODO, say: rethrown on the test's thread by Join
            error_ = std::current_exception();
          }
          done_.store(true);
        }) {}
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  ~Background() {
    if (thread_.joinable()) thread_.join();
  }

  // The function has returned or thrown.
  bool Done() const { return done_.load(); }

  // Waits, for real, at most `timeout` for the function to return.
  bool ReturnsWithin(std::chrono::milliseconds timeout) const {
    return static_cast<bool>(kata::testkit::Eventually([this] { return Done(); }, timeout));
  }

  // Joins the thread, then rethrows what the function threw, if anything.
  void Join() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::atomic<bool> done_ = false;
  std::exception_ptr error_;  // written by the thread before done_, read after the join
  std::thread thread_;        // last: started once the members above exist
};

// What a read that may give up saw: whether it was in time, and the value
// (std::nullopt: the stream had ended, or the read was rescued).
struct Next {
  bool in_time = false;
  std::optional<int> value;
};

inline Next NextWithin(const kata::Receiver<int>& stream, const std::function<void()>& rescue) {
  Next next;
  Background read([&] { next.value = stream.Recv(); });
  next.in_time = read.ReturnsWithin(kPrompt);
  if (!next.in_time) rescue();
  read.Join();
  return next;
}

// Every value until the stream ends; in_time is false when it did not end
// within kPrompt of its last value, and the rescue ended it.
struct Rest {
  bool in_time = false;
  std::vector<int> values;
};

inline Rest ReadToEnd(const kata::Receiver<int>& stream, const std::function<void()>& rescue) {
  Rest rest;
  for (;;) {
    Next next = NextWithin(stream, rescue);
    if (!next.in_time) {
      while (std::optional<int> value = stream.Recv()) rest.values.push_back(*value);
      return rest;
    }
    if (!next.value) break;
    rest.values.push_back(*next.value);
  }
  rest.in_time = true;
  return rest;
}

inline kata::Stream<int> Feed(kata::Channel<int> channel) {
  return kata::Stream<int>(0, [channel](kata::Sender<int> out, std::stop_token stop) {
    while (std::optional<int> value = channel.Recv(stop)) {
      if (!out.Send(*value, stop)) return;
    }
  });
}

}  // namespace leak_test
