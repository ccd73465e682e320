#include "table.h"

#include <algorithm>
#include <climits>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace dining {

Table::Table(EatFn eat) : eat_(std::move(eat)) {}

void Table::Eat(int philosopher) {
  // Every philosopher takes the lower-numbered fork first, so no cycle of
  // philosophers each holding one fork and waiting for the next can form.
  int left = philosopher;
  int right = (philosopher + 1) % kSeats;
  std::scoped_lock first(forks_[std::min(left, right)]);
  std::scoped_lock second(forks_[std::max(left, right)]);
  eat_(philosopher);  // a throw puts both forks down on its way out
  std::scoped_lock lock(meals_mutex_);
  ++meals_[philosopher];
  turn_.notify_all();  // the hungriest may have fallen behind enough to let others go
}

bool Table::WaitForTurn(int philosopher, std::stop_token stop) {
  // A mutex hands itself to whichever thread gets there first, so the fork
  // order alone lets a philosopher lose to his neighbours again and again.
  // Here nobody sits down while he is kMaxLead meals ahead of the hungriest
  // philosopher still at the table: that one never waits, so someone always
  // makes progress, and nobody starves.
  std::unique_lock lock(meals_mutex_);
  bool my_turn = turn_.wait(lock, stop, [&] {
    int fewest = INT_MAX;
    for (int seat = 0; seat < kSeats; ++seat) {
      if (seated_[seat]) fewest = std::min(fewest, meals_[seat]);
    }
    return meals_[philosopher] < fewest + kMaxLead;
  });
  return my_turn && !stop.stop_requested();
}

void Table::Run(int meals_each, std::stop_token stop) {
  {
    std::scoped_lock lock(meals_mutex_);
    seated_.fill(true);
  }
  // One slot per philosopher for what a meal threw: an exception must not
  // leave a thread's function (std::terminate), so it waits here for Run's
  // caller, as in kata 7.
  std::array<std::exception_ptr, kSeats> errors;
  {
    std::vector<std::jthread> philosophers;
    for (int seat = 0; seat < kSeats; ++seat) {
      philosophers.emplace_back([this, seat, meals_each, stop, &error = errors[seat]] {
        try {
          for (int meal = 0; meal < meals_each && WaitForTurn(seat, stop); ++meal) Eat(seat);
        } catch (...) {
          error = std::current_exception();
        }
        std::scoped_lock lock(meals_mutex_);
        seated_[seat] = false;  // nobody waits for a philosopher who has left
        turn_.notify_all();
      });
    }
  }  // every philosopher has left here
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

void Table::Dine(int meals_each) { Run(meals_each, {}); }

void Table::DineUntil(std::stop_token stop) { Run(INT_MAX, std::move(stop)); }

int Table::Meals(int philosopher) const {
  std::scoped_lock lock(meals_mutex_);
  return meals_[philosopher];
}

}  // namespace dining
