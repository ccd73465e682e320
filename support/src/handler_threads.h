// Inside kata::web::WebServer (not installed): the threads socket handlers
// run on (ws_session.cpp). A handler blocks in Receive for as long as its
// connection lasts, so it needs a thread to itself: the pool grows to `max`
// threads and no further, and a thread that finishes a handler takes the
// next.
//
// Thread safety: TryRun may be called from any thread, Close from any
// thread but the pool's own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace kata::web {

class HandlerThreads {
 public:
  explicit HandlerThreads(std::size_t max) : max_(max) {}

  // Runs `task` on an idle thread or a new one. False if `max` handlers are
  // running already, the pool is closed, or no thread could be started.
  bool TryRun(std::function<void()> task) {
    std::scoped_lock lock(mutex_);
    if (closed_) return false;
    if (tasks_.size() >= idle_) {
      if (threads_.size() >= max_) return false;
      try {
        threads_.emplace_back([this] { Loop(); });
      } catch (const std::system_error&) {
        return false;  // the process may not start another thread now
      }
    }
    tasks_.push_back(std::move(task));
    wake_.notify_one();
    return true;
  }

  // Takes no more tasks; the threads finish the ones they have and are
  // joined. Not from one of these threads.
  void Close() {
    std::vector<std::jthread> threads;
    {
      std::scoped_lock lock(mutex_);
      closed_ = true;
      threads.swap(threads_);
    }
    wake_.notify_all();
  }

 private:
  void Loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ++idle_;
      wake_.wait(lock, [&] { return !tasks_.empty() || closed_; });
      --idle_;
      if (tasks_.empty()) return;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  const std::size_t max_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;  // guarded by mutex_
  std::size_t idle_ = 0;                     // guarded by mutex_: threads waiting for a task
  bool closed_ = false;                      // guarded by mutex_
  std::vector<std::jthread> threads_;        // guarded by mutex_
};

}  // namespace kata::web
