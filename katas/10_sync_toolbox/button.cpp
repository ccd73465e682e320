#include "button.h"

#include <utility>

#include "testkit/todo.h"

namespace sync_toolbox {

Button::~Button() {
  // TODO: stop and join the subscriber threads.
}

void Button::Subscribe(std::function<void()> handler) {
  (void)handler;
  // TODO (step 5): start a thread that runs handler once per click.
  // TODO (step 6): the thread first calls before_listening_ (if set), and
  // Subscribe returns only once that thread cannot miss a click.
  KATA_TODO("start a subscriber thread");
}

void Button::Click() {
  // TODO (step 5): count the click and wake every subscriber.
  KATA_TODO("broadcast a click");
}

void Button::Close() {
  // TODO (step 5): stop and join the subscriber threads, then rethrow the
  // first exception a handler threw.
  KATA_TODO("stop the subscribers and rethrow a handler's exception");
}

}  // namespace sync_toolbox
