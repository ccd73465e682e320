#include "to_request.h"

#include <stdexcept>
#include <string>

namespace kata::web {

http::Request ToRequest(const BeastRequest& in) {
  http::Request out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  if (!http::IsWellEscaped(out.target)) {
    throw std::invalid_argument("malformed percent-escape in the request target");
  }
  http::ParseTarget(out.target, out);
  for (const auto& field : in) {
    out.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = in.body();
  return out;
}

}  // namespace kata::web
