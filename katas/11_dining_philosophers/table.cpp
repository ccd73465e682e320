#include "table.h"

#include <algorithm>
#include <climits>
#include <thread>
#include <utility>
#include <vector>

#include "testkit/todo.h"

namespace dining {

Table::Table(EatFn eat) : eat_(std::move(eat)) {}

void Table::Eat(int philosopher) {
  (void)philosopher;
  // TODO: take fork `philosopher` and fork (philosopher + 1) % kSeats, call
  // eat_(philosopher), count the meal, put the forks down.
  KATA_TODO("take both forks, eat, count the meal");
}

bool Table::WaitForTurn(int philosopher, std::stop_token stop) {
  (void)philosopher;
  (void)stop;
  // TODO (step 5): wait on turn_ while this philosopher has eaten kMaxLead
  // meals more than the hungriest one still seated; false once stop is
  // requested.
  KATA_TODO("wait until this philosopher is not too far ahead");
}

void Table::Dine(int meals_each) {
  (void)meals_each;
  // TODO: one std::jthread per philosopher, each eating meals_each meals;
  // return when all of them have finished. A meal that throws ends that
  // philosopher's dinner; rethrow it here once everybody has left.
  KATA_TODO("run the five philosophers");
}

void Table::DineUntil(std::stop_token stop) {
  (void)stop;
  // TODO (step 5): like Dine, until stop is requested.
  KATA_TODO("run the philosophers until stop is requested");
}

int Table::Meals(int philosopher) const {
  (void)philosopher;
  // TODO: how many meals this philosopher has eaten.
  KATA_TODO("count a philosopher's meals");
}

}  // namespace dining
