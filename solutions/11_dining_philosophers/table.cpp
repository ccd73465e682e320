#include "table.h"

#include <algorithm>
#include <climits>
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
  eat_(philosopher);
  std::scoped_lock lock(meals_mutex_);
  ++meals_[philosopher];
}

void Table::Run(int meals_each, std::stop_token stop) {
  std::vector<std::jthread> philosophers;
  for (int seat = 0; seat < kSeats; ++seat) {
    philosophers.emplace_back([this, seat, meals_each, stop] {
      for (int meal = 0; meal < meals_each && !stop.stop_requested(); ++meal) Eat(seat);
    });
  }
}  // every philosopher has left here

void Table::Dine(int meals_each) { Run(meals_each, {}); }

void Table::DineUntil(std::stop_token stop) { Run(INT_MAX, std::move(stop)); }

int Table::Meals(int philosopher) const {
  std::scoped_lock lock(meals_mutex_);
  return meals_[philosopher];
}

}  // namespace dining
