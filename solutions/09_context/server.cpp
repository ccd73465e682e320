#include "server.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace context {

void Server::Serve(const Request& request, ResponseWriter& writer) {
  // The fetch thread hands its result over under a mutex; this thread waits
  // for "result or cancellation" in one wait, without polling.
  std::mutex mutex;
  std::condition_variable_any fetched;
  std::optional<std::string> data;
  bool done = false;

  std::jthread fetcher([&] {
    auto result = store_.Fetch(request.cancelled);
    {
      std::scoped_lock lock(mutex);
      data = std::move(result);
      done = true;
    }
    fetched.notify_all();
  });

  std::unique_lock lock(mutex);
  if (!fetched.wait(lock, request.cancelled, [&] { return done; })) {
    lock.unlock();
    store_.Cancel();
    return;  // fetcher joins here: nothing outlives this call
  }
  if (data) writer.Write(*data);
}

}  // namespace context
