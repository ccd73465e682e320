// TaskGroup: tasks on threads of their own, one wait for all of them, and the
// first failure brought back to the owner (Go's errgroup). A task is a
// function of a stop token; the first task that throws stops the others, and
// Wait() rethrows its exception once every task has returned.
//
//   kata::TaskGroup group(request.Token());  // stops too when the request does
//   group.SetLimit(4);                       // at most four tasks at once
//   for (const std::string& url : urls) {
//     group.Go([&url](std::stop_token stop) { Fetch(url, stop); });
//   }
//   group.Wait();  // every task has returned; rethrows the first failure
//
// Thread safety: SetLimit, Go and Wait belong to the group's owner, one
// thread. The tasks run on threads of their own, at once. Token() may be
// called from any thread. Destroying a group that still has tasks requests
// stop and waits for them (as a std::jthread does).
#pragma once

#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

namespace kata {

class TaskGroup {
 public:
  using Task = std::function<void(std::stop_token)>;

  TaskGroup() = default;
  // A group that also stops when `parent` does (at once if it already has).
  explicit TaskGroup(std::stop_token parent);
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // At most n tasks run at once from now on: Go waits for a free place.
  // n must be at least 1 (std::invalid_argument), and no task may be running
  // (std::logic_error).
  void SetLimit(int n);

  // Starts `task` on a thread of its own with the group's stop token.
  void Go(Task task);

  // Waits until every task started so far has returned, then rethrows the
  // exception of the first task that threw, if any.
  void Wait();

  // Requested when a task fails, when the parent stops, or when the group is
  // destroyed.
  std::stop_token Token() const { return stop_.get_token(); }

 private:
  struct RequestStop {
    std::stop_source source;
    void operator()() const noexcept { source.request_stop(); }
  };

  void Run(const Task& task);
  void Fail(std::exception_ptr error);
  void JoinAll();

  std::stop_source stop_;
  std::mutex mutex_;
  std::exception_ptr first_error_;  // guarded by mutex_: the tasks' threads write it
  // Set by SetLimit while no task runs; then acquired by Go, released by tasks.
  std::optional<std::counting_semaphore<>> slots_;
  std::vector<std::jthread> threads_;  // the owner's: Go adds, Wait joins
  // Last: removed from the parent first when the group is destroyed.
  std::optional<std::stop_callback<RequestStop>> parent_link_;
};

}  // namespace kata
