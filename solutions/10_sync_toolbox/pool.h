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
    std::unique_ptr<T> object;
    {
      std::scoped_lock lock(mutex_);
      if (!idle_.empty()) {
        object = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!object) object = factory_();  // outside the lock: factories may be slow
    return Handle(object.release(), Returner(this));
  }

  // Objects waiting in the pool.
  std::size_t Idle() const {
    std::scoped_lock lock(mutex_);
    return idle_.size();
  }

 private:
  void Put(std::unique_ptr<T> object) {
    std::scoped_lock lock(mutex_);
    idle_.push_back(std::move(object));
  }

  std::function<std::unique_ptr<T>()> factory_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

}  // namespace sync_toolbox
