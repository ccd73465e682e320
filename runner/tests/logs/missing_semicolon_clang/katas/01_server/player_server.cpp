#include <map>
#include <string>

namespace http_server {

struct Response {
  int status = 200;
  std::string body;
};

Response Serve(const std::map<std::string, int>& scores, const std::string& name) {
  Response response;
  auto it = scores.find(name);
  if (it == scores.end()) {
    response.status = 404;
    return response;
  }
  std::string body = std::to_string(it->second)
  return Response{200, body};
}

}  // namespace http_server
