#include "limited_server.h"

#include <utility>

#include "testkit/todo.h"

namespace limiting {

LimitedServer::LimitedServer(PressureGauge& gauge, Work work)
    : gauge_(gauge), work_(std::move(work)) {}

void LimitedServer::ServeHttp(const kata::http::Request&, kata::http::Response& response) {
  (void)response;
  // TODO (step 3): answer with what the work returns, run through the gauge;
  // 429 and "Too many requests" when the gauge is full.
  KATA_TODO("run the work through the gauge, or answer 429 Too many requests");
}

}  // namespace limiting
