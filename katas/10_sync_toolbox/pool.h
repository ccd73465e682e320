// Pool<T>: reuse expensive objects (Go's sync.Pool). Get() hands out an
// object in a unique_ptr whose deleter puts it back, so returning it cannot
// be forgotten, on any path.
//
//   Pool<Buffer> pool([] { return std::make_unique<Buffer>(); });
//   { auto buffer = pool.Get(); ... }   // back in the pool here
//
// A reused object is handed out as it was left: reset it if that matters.
// The pool must outlive every object it has handed out.
//
// Thread safety: Get, Idle and the handles' destructors may run concurrently.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "testkit/todo.h"

namespace sync_toolbox {

template <typename T>
class Pool {
 public:
  // The deleter of the handles: gives the object back to its pool.
  class Returner {
   public:
    Returner() = default;
    explicit Returner(Pool* pool) : pool_(pool) {}
    void operator()(T* object) const { pool_->Put(std::unique_ptr<T>(object)); }

   private:
    Pool* pool_ = nullptr;
  };
  using Handle = std::unique_ptr<T, Returner>;

  explicit Pool(std::function<std::unique_ptr<T>()> factory) : factory_(std::move(factory)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // An idle object if there is one, otherwise a new one from the factory.
  Handle Get() {
    // TODO (step 3): take an idle object, or make one; hand it out in a
    // Handle whose Returner puts it back.
    KATA_TODO("hand out an idle or a new object");
  }

  // Objects waiting in the pool.
  std::size_t Idle() const {
    // TODO (step 3): how many objects are idle.
    KATA_TODO("count the idle objects");
  }

 private:
  void Put(std::unique_ptr<T> object) {
    (void)object;
    // TODO (step 3): keep the object for the next Get.
    KATA_TODO("put the object back");
  }

  std::function<std::unique_ptr<T>()> factory_;
  // TODO: where the idle objects wait (and what guards them, step 4).
};

}  // namespace sync_toolbox
