// Five philosophers around a table with five forks (Kozyra, "Mastering
// Concurrency in Go", ch. 2). Philosopher i sits between fork i (left) and
// fork (i + 1) % 5 (right), and eats only with both.
//
// Nobody starves: a philosopher does not sit down while he has eaten
// kMaxLead meals more than the hungriest philosopher still at the table.
//
// Thread safety: Dine and DineUntil run the dinner on threads of their own
// and return when every philosopher has left; call one at a time. Meals and
// ForkAt may be called from any thread.
#pragma once

#include <array>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string_view>

#include "fork.h"

namespace dining {

inline constexpr int kSeats = 5;
inline constexpr std::array<std::string_view, kSeats> kPhilosophers = {
    "Kant", "Turing", "Descartes", "Kierkegaard", "Wittgenstein"};

class Table {
 public:
  // eat(i) is one meal of philosopher i, called while i holds both forks.
  using EatFn = std::function<void(int philosopher)>;

  explicit Table(EatFn eat);

  // Every philosopher eats `meals_each` meals, each on a thread of its own.
  // If a meal throws, that philosopher leaves the table (his forks go back
  // down), the others go on, and once everybody has left the exception is
  // rethrown here (the lowest seat's, if several threw).
  void Dine(int meals_each);
  // Every philosopher eats again and again until `stop` is requested. A meal
  // that throws is handled as in Dine.
  void DineUntil(std::stop_token stop);

  int Meals(int philosopher) const;
  Fork& ForkAt(int i) { return forks_[i]; }

 private:
  // How many meals a philosopher may be ahead of the hungriest one.
  static constexpr int kMaxLead = 2;

  // One meal: take both forks, eat, put them down.
  void Eat(int philosopher);
  // Blocks while the philosopher is kMaxLead meals ahead; false once `stop`
  // is requested.
  bool WaitForTurn(int philosopher, std::stop_token stop);
  void Run(int meals_each, std::stop_token stop);

  EatFn eat_;
  std::array<Fork, kSeats> forks_;
  mutable std::mutex meals_mutex_;
  std::condition_variable_any turn_;   // notified when a meal is counted or a seat left
  std::array<int, kSeats> meals_{};    // guarded by meals_mutex_
  std::array<bool, kSeats> seated_{};  // guarded by meals_mutex_: still at the table
};

}  // namespace dining
