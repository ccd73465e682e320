// LimitedServer: an HTTP handler whose work is limited by a PressureGauge.
// Each request runs the work, and the work's result is the answer's body;
// a request that finds the gauge full is answered at once with 429 Too Many
// Requests and the body "Too many requests", instead of waiting its turn.
//
//   limiting::PressureGauge gauge(10);
//   limiting::LimitedServer server(gauge, [] { return RenderReport(); });
//   kata::web::WebServer web(server, {.http_threads = 16});
//
// Thread safety: ServeHttp may be called from many threads at once (a
// server's handler threads); `work` must allow that too.
#pragma once

#include <functional>
#include <string>

#include "kata/http.h"
#include "pressure_gauge.h"

namespace limiting {

inline constexpr int kTooManyRequests = 429;

class LimitedServer : public kata::http::Handler {
 public:
  using Work = std::function<std::string()>;

  // `gauge` must outlive the server.
  LimitedServer(PressureGauge& gauge, Work work);

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;

 private:
  PressureGauge& gauge_;
  const Work work_;
};

}  // namespace limiting
