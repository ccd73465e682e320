// Synchronisation helpers for concurrency tests: things a test controls, so
// that no test needs to sleep or to guess how long a thread takes.
//
//   Gate           a one-shot latch the test opens; every wait has a deadline.
//   Rendezvous     proves that n calls were inside at once, records the peak.
//   LiveThreads()  the process's thread count, from /proc/self/status.
//   NoThreadLeaks  a fixture that fails a test which leaves a thread behind.
//   RunOnThreads   runs work on n threads and rethrows a worker's exception on
//                  the test's thread.
//
// Thread safety: Gate and Rendezvous may be used from any number of threads;
// a NoThreadLeaks fixture belongs to the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "testkit/threads.h"  // LiveThreads

namespace kata::testkit {

using namespace std::chrono_literals;

// How long a wait on a Gate or a Rendezvous lasts before it gives up: long
// enough for a loaded 2-core machine, short enough that a broken kata gives a
// FAIL well inside the runner's timeout.
inline constexpr std::chrono::milliseconds kGateTimeout = 2s;
inline constexpr std::chrono::milliseconds kRendezvousGiveUp = 1s;

// A door that starts closed. Threads Wait() on it; the test Open()s it once.
// Arrivals are counted, so a test can wait until n threads are held.
class Gate {
 public:
  Gate() = default;
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  void Open();
  bool IsOpen() const;

  // Blocks until the gate is open or `timeout` has passed; true if it opened.
  bool Wait(std::chrono::milliseconds timeout = kGateTimeout);

  // How many Wait calls have been made so far (returned or not).
  int Arrived() const;

  // Waits until at least n Wait calls have been made; fails after `timeout`,
  // or as soon as the gate is opened with fewer than n arrivals.
  ::testing::AssertionResult WaitForArrivals(int n,
                                             std::chrono::milliseconds timeout = kGateTimeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int arrived_ = 0;
};

// Call Arrive() (or hold an Inside) from the code under test. Each caller
// stays inside until n callers are inside at the same time, or until the
// give-up wait has passed; after that the rendezvous stays open and later
// callers pass straight through. Serial code costs one give-up, not one per
// call, and shows up as a peak of 1.
class Rendezvous {
 public:
  explicit Rendezvous(int n, std::chrono::milliseconds give_up = kRendezvousGiveUp);
  Rendezvous(const Rendezvous&) = delete;
  Rendezvous& operator=(const Rendezvous&) = delete;

  // Enters, waits as described above, leaves. True if n were inside at once.
  bool Arrive();

  // For callers that do their work inside: enters on construction, waits for
  // the rendezvous, and leaves on destruction.
  class Inside {
   public:
    explicit Inside(Rendezvous& rendezvous);
    ~Inside();
    Inside(const Inside&) = delete;
    Inside& operator=(const Inside&) = delete;

   private:
    Rendezvous& rendezvous_;
  };

  int Peak() const;     // most callers inside at once so far
  int Current() const;  // callers inside now
  bool Met() const;     // n were inside at once at some point

  // "peak 1, want 100" when the rendezvous was not met.
  ::testing::AssertionResult WasMet() const;

 private:
  void Enter();
  void Leave();

  const int n_;
  const std::chrono::milliseconds give_up_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int inside_ = 0;
  int peak_ = 0;
  bool met_ = false;
  bool open_ = false;
};

// A fixture that fails a test which leaves a thread running after it ends:
// the C++ counterpart of a goroutine leak check. Use it as the base of a
// test's suite: `class CheckWebsitesOverlap : public testkit::NoThreadLeaks {};`
class NoThreadLeaks : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // How long TearDown lets threads that were joined disappear from /proc.
  std::chrono::milliseconds settle_time_ = kGateTimeout;

 private:
  int baseline_ = 0;
};

// Runs work(i) for i in [0, n) on n threads released together, joins them
// all, then rethrows the first exception a worker threw (gtest assertions in
// workers are fine too: they are recorded by gtest itself).
void RunOnThreads(int n, const std::function<void(int)>& work);

}  // namespace kata::testkit
