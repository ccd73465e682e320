#include "task_group.h"

#include <stdexcept>
#include <utility>

namespace kata {

TaskGroup::TaskGroup(std::stop_token parent) {
  // Runs RequestStop at once if the parent has already stopped.
  parent_link_.emplace(std::move(parent), RequestStop{stop_});
}

TaskGroup::~TaskGroup() {
  stop_.request_stop();
  JoinAll();
}

void TaskGroup::SetLimit(int n) {
  if (n < 1) throw std::invalid_argument("TaskGroup::SetLimit: the limit must be at least 1");
  if (!threads_.empty()) throw std::logic_error("TaskGroup::SetLimit: tasks are running");
  slots_.emplace(n);
}

void TaskGroup::Go(Task task) {
  if (slots_) slots_->acquire();  // waits while the limit's tasks run
  try {
    threads_.emplace_back([this, task = std::move(task)] { Run(task); });
  } catch (...) {  // no thread: give the place back
    if (slots_) slots_->release();
    throw;
  }
}

void TaskGroup::Run(const Task& task) {
  try {
    task(stop_.get_token());
  } catch (...) {
    Fail(std::current_exception());
  }
  if (slots_) slots_->release();  // after Fail: the place is free once the task is done
}

void TaskGroup::Fail(std::exception_ptr error) {
  {
    std::scoped_lock lock(mutex_);
    if (!first_error_) first_error_ = std::move(error);
  }
  // After the error is recorded: a sibling that sees the stop and fails in
  // turn cannot come first.
  stop_.request_stop();
}

void TaskGroup::JoinAll() {
  for (std::jthread& thread : threads_) thread.join();
  threads_.clear();
}

void TaskGroup::Wait() {
  JoinAll();
  std::exception_ptr error;
  {
    std::scoped_lock lock(mutex_);
    error = first_error_;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace kata
