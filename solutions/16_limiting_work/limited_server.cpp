#include "limited_server.h"

#include <utility>

namespace limiting {

LimitedServer::LimitedServer(PressureGauge& gauge, Work work)
    : gauge_(gauge), work_(std::move(work)) {}

void LimitedServer::ServeHttp(const kata::http::Request&, kata::http::Response& response) {
  try {
    gauge_.Process([&] { response.body = work_(); });
  } catch (const NoCapacity&) {
    response.status = kTooManyRequests;
    response.body = "Too many requests";
  }
}

}  // namespace limiting
