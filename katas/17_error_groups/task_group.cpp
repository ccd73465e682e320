#include "task_group.h"

#include <stdexcept>
#include <utility>

#include "testkit/todo.h"

namespace kata {

TaskGroup::TaskGroup(std::stop_token parent) {
  (void)parent;
  // TODO (step 3): stop this group when the parent stops (parent_link_).
  KATA_TODO("link the group to its parent's stop token");
}

TaskGroup::~TaskGroup() {
  // TODO (step 3): a group nobody waited for: request stop, then join every
  // thread. (No KATA_TODO here: a destructor must not throw.)
}

void TaskGroup::SetLimit(int n) {
  (void)n;
  // TODO (step 4): at most n tasks at once (slots_); n below 1 is an error.
  KATA_TODO("let at most n tasks run at once");
}

void TaskGroup::Go(Task task) {
  (void)task;
  // TODO (step 1): start the task on a thread of its own (threads_), where
  // it runs through Run. (Step 4: wait for a free place first.)
  KATA_TODO("start the task on a thread of its own");
}

void TaskGroup::Run(const Task& task) {
  (void)task;
  // TODO (step 1): call the task with the group's stop token. (Step 2: a
  // task that throws fails the group. Step 4: give the place back.) No
  // KATA_TODO here: an exception escaping a thread ends the program.
}

void TaskGroup::Fail(std::exception_ptr error) {
  (void)error;
  // TODO (step 2): keep the first failure only, then stop the other tasks.
}

void TaskGroup::JoinAll() {
  // TODO (step 1): join every thread started so far.
  KATA_TODO("join every task's thread");
}

void TaskGroup::Wait() {
  // TODO (step 1): wait for every task. (Step 2: then rethrow the first
  // failure.)
  KATA_TODO("wait for every task");
}

}  // namespace kata
