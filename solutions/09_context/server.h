// A handler that fetches a store's data for a request and writes it, unless
// the request is cancelled first: then it tells the store to stop and writes
// nothing (Learn Go with Tests, chapter "Context").
//
// Thread safety: Serve may be called concurrently if the store allows it.
#pragma once

#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace context {

class Store {
 public:
  virtual ~Store() = default;
  // The data, or std::nullopt when the fetch was stopped. Implementations
  // should give up once `cancelled` is requested.
  virtual std::optional<std::string> Fetch(std::stop_token cancelled) = 0;
  // Asks a running Fetch to give up.
  virtual void Cancel() = 0;
};

// What the handler sees of a request: like Go's r.Context(), a token that is
// requested when the client goes away.
struct Request {
  std::stop_token cancelled;
};

class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;
  virtual void Write(std::string_view body) = 0;
};

class Server {
 public:
  explicit Server(Store& store) : store_(store) {}

  // Runs the store's Fetch on a thread of its own and waits for whichever
  // comes first: the data (written to `writer`) or the request's cancellation
  // (the store is told to Cancel, nothing is written). Returns only after the
  // fetch has finished. What Fetch throws, Serve rethrows on the caller's
  // thread, once the fetch has finished, and writes nothing.
  void Serve(const Request& request, ResponseWriter& writer);

 private:
  Store& store_;
};

}  // namespace context
