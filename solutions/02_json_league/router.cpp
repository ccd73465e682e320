#include "router.h"

#include <algorithm>

namespace json_league {
namespace {

namespace http = kata::http;

// "/players/Pepper" -> {"players", "Pepper"}; "/" -> {}; "/league/" -> {"league", ""}.
std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return segments;
  while (true) {
    auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsPlaceholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (IsPlaceholder(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

void Router::Handle(std::string_view method, std::string_view pattern, HandlerFunction handler) {
  routes_.push_back({std::string(method), Segments(pattern), std::move(handler)});
}

void Router::ServeHttp(const http::Request& request, http::Response& response) {
  // Split the path as sent, then decode each segment: "/players/a%2Fb" is
  // two segments, the second the name "a/b".
  auto path = Segments(request.raw_path);
  for (auto& segment : path) segment = http::PercentDecode(segment);
  std::vector<std::string_view> allowed;
  for (const auto& route : routes_) {
    if (!Matches(route.segments, path)) continue;
    if (route.method == request.method) {
      route.handler(request, response);
      return;
    }
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.push_back(route.method);
    }
  }
  if (allowed.empty()) {
    response.status = http::kNotFound;
    return;
  }
  std::string allow;
  for (auto method : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  response.status = http::kMethodNotAllowed;
  response.SetHeader("Allow", allow);
}

}  // namespace json_league
