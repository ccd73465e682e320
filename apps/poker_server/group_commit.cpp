#include "group_commit.h"

#include <utility>

namespace poker_server {

void GroupCommit::RecordWin(std::string_view name) {
  Pending mine{.name = std::string(name), .done = false, .error = nullptr};
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (saving_) {
      // A leader is saving a group without this win: wait for it to finish,
      // then either this win was in a later group, or lead the next one.
      done_.wait(lock, [&] { return mine.done || !saving_; });
      continue;
    }
    saving_ = true;
    std::vector<Pending*> group = std::exchange(queue_, {});
    lock.unlock();
    Save(group);
    lock.lock();
    ++counts_.saves;
    counts_.wins += static_cast<long>(group.size());
    for (Pending* pending : group) pending->done = true;
    saving_ = false;
    done_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

// One save for the whole group; if it fails, one save per win, so that
// only the wins that cannot be saved fail.
void GroupCommit::Save(const std::vector<Pending*>& group) {
  std::vector<std::string> names;
  names.reserve(group.size());
  for (const Pending* pending : group) names.push_back(pending->name);
  try {
    store_.RecordWins(names);
    return;
  } catch (...) {
    if (group.size() == 1) {
      group.front()->error = std::current_exception();
      return;
    }
  }
  for (Pending* pending : group) {
    try {
      store_.RecordWin(pending->name);
    } catch (...) {
      pending->error = std::current_exception();
    }
  }
}

long GroupCommit::Saves() const {
  std::scoped_lock lock(mutex_);
  return counts_.saves;
}

GroupCommit::Counts GroupCommit::Totals() const {
  std::scoped_lock lock(mutex_);
  return counts_;
}

}  // namespace poker_server
