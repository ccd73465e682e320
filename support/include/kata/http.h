// Light HTTP request and response types that handlers are written against.
//
// A handler sees a parsed request and fills in a response; it never touches a
// socket. testkit builds requests in-process for unit tests, and
// kata/web_server.h serves the same handler on a real socket (testkit's
// TestServer and poker_server both use it). Keeping these types free of any
// HTTP library keeps the learner's files fast to compile.
//
// Thread safety: Request and Response are plain values. A Handler's
// ServeHttp may be called from many threads at once by a real server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kata::http {

// Header names compare case-insensitively, as HTTP requires.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

enum Status : int {
  kOk = 200,
  kCreated = 201,
  kAccepted = 202,
  kNoContent = 204,
  kBadRequest = 400,
  kNotFound = 404,
  kMethodNotAllowed = 405,
  kPayloadTooLarge = 413,
  kUriTooLong = 414,
  kInternalServerError = 500,
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;    // as sent: "/players/Chris%20Jones?debug=1"
  std::string raw_path;  // the path as sent, still escaped: "/players/Chris%20Jones"
  std::string path;      // the path decoded: "/players/Chris Jones"
  // Route on raw_path: split it on '/', then PercentDecode each segment. A
  // name may hold an escaped slash ("/players/a%2Fb" is the player "a/b"),
  // which `path`, decoded before any split, cannot tell from a real one.
  std::multimap<std::string, std::string> query;  // decoded query parameters
  Headers headers;
  std::string body;

  // The first value of a header or query parameter, if present.
  std::optional<std::string> Header(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = kOk;
  Headers headers;
  std::string body;

  // Replaces any existing values of the header.
  void SetHeader(std::string_view name, std::string_view value);
  std::optional<std::string> Header(std::string_view name) const;
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void ServeHttp(const Request& request, Response& response) = 0;

  // Whether ServeHttp answers this request at once: nothing in it waits on
  // a disk, the network or another thread. kata/web_server.h then serves it
  // on its I/O thread, skipping the hand-off to a handler thread and back,
  // which is most of a small request's cost. False unless a handler knows
  // better (poker_server's cached GET /league); the katas never need it.
  virtual bool AnswersAtOnce(const Request&) const { return false; }
};

// "%20" -> " ". In a query component '+' also means a space. Malformed
// escapes ("%zz", a trailing "%") are kept as they are.
std::string PercentDecode(std::string_view text, bool plus_is_space = false);

// True when every '%' in `text` starts an escape of two hex digits. A
// server answers 400 to a target for which it is false (WebServer does),
// rather than guess what the client meant.
bool IsWellEscaped(std::string_view text);

// Escapes everything but unreserved characters (RFC 3986) and, when
// keep_slashes is set, '/'.
std::string PercentEncode(std::string_view text, bool keep_slashes = false);

// Fills in the request's raw_path, path and query parameters from a target
// ("/players/a%2Fb?x=1").
void ParseTarget(std::string_view target, Request& request);

// "Not Found" for 404, and so on; "Unknown" for codes it does not know.
std::string_view StatusText(int status);

}  // namespace kata::http
