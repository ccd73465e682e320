#include "server.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "testkit/todo.h"

namespace context {

void Server::Serve(const Request& request, ResponseWriter& writer) {
  (void)request;
  (void)writer;
  // TODO (step 1): fetch the data from store_ and write it.
  // TODO (step 3): fetch on a thread of your own; wait for the data or for
  // request.cancelled, whichever comes first; on cancellation call
  // store_.Cancel() and write nothing.
  KATA_TODO("fetch from the store and write the data");
}

}  // namespace context
