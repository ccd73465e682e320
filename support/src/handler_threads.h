// Inside kata::web::WebServer (not installed): the threads socket handlers
// run on (ws_session.cpp). A handler blocks in Receive for as long as its
// connection lasts, so it needs a thread to itself: at most `max` run at
// once. A thread ends with its handler (a kata's test checks that the
// thread of a page that went away is gone), and is joined by the next
// TryRun or by Close.
//
// Thread safety: TryRun may be called from any thread, Close from any
// thread but these.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace kata::web {

class HandlerThreads {
 public:
  explicit HandlerThreads(std::size_t max) : max_(max) {}

  // Runs `task` on a thread of its own. False if `max` tasks are running
  // already, the pool is closed, or no thread could be started.
  bool TryRun(std::function<void()> task) {
    std::scoped_lock lock(mutex_);
    if (closed_ || running_ >= max_) return false;
    threads_.remove_if([](const Thread& thread) { return thread.done->load(); });  // joins
    auto done = std::make_shared<std::atomic<bool>>(false);
    try {
      threads_.push_back(Thread{std::jthread([this, task = std::move(task), done] {
                                  task();
                                  Finished();
                                  done->store(true);
                                }),
                                done});
    } catch (const std::system_error&) {
      return false;  // the process may not start another thread now
    }
    ++running_;
    return true;
  }

  // Takes no more tasks and joins every thread: not from one of them.
  void Close() {
    std::list<Thread> threads;
    {
      std::scoped_lock lock(mutex_);
      closed_ = true;
      threads.swap(threads_);
    }
  }

 private:
  struct Thread {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> done;  // set as the thread's last act
  };

  void Finished() {
    std::scoped_lock lock(mutex_);
    --running_;
  }

  const std::size_t max_;
  std::mutex mutex_;
  std::size_t running_ = 0;   // guarded by mutex_
  bool closed_ = false;       // guarded by mutex_
  std::list<Thread> threads_;  // guarded by mutex_
};

}  // namespace kata::web
