#include "server.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace context {

void Server::Serve(const Request& request, ResponseWriter& writer) {
  // The fetch thread hands its result over under a mutex; this thread waits
  // for "result or cancellation" in one wait, without polling.
  std::mutex mutex;
  std::condition_variable_any fetched;
  std::optional<std::string> data;  // guarded by mutex
  std::exception_ptr error;         // guarded by mutex: what Fetch threw
  bool done = false;                // guarded by mutex

  std::jthread fetcher([&] {
    std::optional<std::string> result;
    std::exception_ptr failure;
    try {
      result = store_.Fetch(request.cancelled);
    } catch (...) {
      // An exception must not leave a thread's function (std::terminate):
      // it travels to Serve's caller instead, as kata 7's workers do.
      failure = std::current_exception();
    }
    {
      std::scoped_lock lock(mutex);
      data = std::move(result);
      error = std::move(failure);
      done = true;
    }
    fetched.notify_all();  // safe unlocked: Serve joins this thread before `fetched` dies
  });

  bool cancelled = false;
  {
    std::unique_lock lock(mutex);
    cancelled = !fetched.wait(lock, request.cancelled, [&] { return done; });
  }
  if (cancelled) store_.Cancel();
  // Fetch has returned once the join does: nothing it touches may go before.
  // After the join, what the thread wrote is ours to read without the lock.
  fetcher.join();
  if (error) std::rethrow_exception(error);
  if (!cancelled && data) writer.Write(*data);
}

}  // namespace context
