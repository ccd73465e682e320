// libFuzzer target: a request as the workbook's web server reads it before
// any handler sees it (support/src/http_session.cpp): arbitrary bytes, as a
// client sends them, parsed by Boost.Beast's request parser with the
// session's limits (8 KiB of header, WebServerOptions' body limit), then
// converted by kata::web::ToRequest (support/src/to_request.cpp) into the
// kata::http::Request every handler reads. Requests that follow one another
// in the input are read one after another, as pipelined requests are from
// the session's buffer.
//
// Why this function: ToRequest is the only code of ours between the socket
// and a handler that reads a request's method, target and header fields;
// everything before it is Beast's (the request line, header syntax,
// Content-Length, chunked bodies), and the session's other checks (the
// HTTP version, a missing Host) only ask Beast's parsed request, inside the
// session, which needs a socket. Beast's own fuzzing covers its parser; this target checks
// that what a handler sees is what the client sent. Decoding the target
// (ParseTarget, PercentDecode) is the http_target fuzzer's; here it is only
// checked to agree with ToRequest. ToRequest has a file of its own, with
// Beast's message types and no Asio, so that this target compiles it
// without the server.
//
// Proves, besides "no crash, no ASan or UBSan report":
// - ToRequest throws std::invalid_argument exactly when some '%' in the
//   target is not followed by two hex digits (checked here independently
//   of IsWellEscaped; the server answers 400), and nothing else escapes;
// - otherwise the method and the target are the bytes the client sent;
//   raw_path, path and query are ParseTarget's; the body is Beast's;
// - the headers are the client's fields, each name and value byte for
//   byte, none lost or added, those of one name (in any case) kept in the
//   order sent; Header(name) finds each one's first value however the name
//   is cased, and has a Host exactly when Beast counted one (the field
//   HttpSession requires of an HTTP/1.1 request).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kata/http.h"
#include "kata/web_server.h"
#include "to_request.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "require.h"

namespace {

namespace bhttp = boost::beast::http;

constexpr std::size_t kSessionHeaderLimit = 8 * 1024;  // http_session.cpp's kHeaderLimit

// Reads the next request off the front of `bytes`, as the session's
// bhttp::async_read does from its buffer, and drops what it used. nullopt
// when the bytes end before a whole request, or are not one.
std::optional<kata::web::BeastRequest> ReadRequest(std::string_view& bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kSessionHeaderLimit);
  parser.body_limit(kata::web::WebServerOptions{}.max_body_bytes);
  parser.eager(true);
  for (;;) {
    if (parser.is_done()) return parser.release();
    boost::beast::error_code error;
    std::size_t used = 0;
    if (!bytes.empty()) {
      used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
      bytes.remove_prefix(used);
      if (error && error != bhttp::error::need_more) return std::nullopt;
    }
    if (used == 0) {
      // Beast has seen every byte there is and wants more: the client sent
      // nothing more, as if it closed the connection.
      if (!parser.got_some()) return std::nullopt;
      parser.put_eof(error);
      if (error || !parser.is_done()) return std::nullopt;
    }
  }
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Every '%' starts "%XX" with two hex digits.
bool EveryEscapeComplete(std::string_view target) {
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') continue;
    if (i + 2 >= target.size() || !IsHex(target[i + 1]) || !IsHex(target[i + 2])) return false;
    i += 2;
  }
  return true;
}

std::string Uppercase(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

void CheckConverted(const kata::web::BeastRequest& sent, std::string_view input) {
  const std::string_view target(sent.target().data(), sent.target().size());
  const bool well_escaped = EveryEscapeComplete(target);
  kata::http::Request request;
  try {
    request = kata::web::ToRequest(sent);
  } catch (const std::invalid_argument&) {
    Require(!well_escaped, "ToRequest refuses only a target with an incomplete '%' escape", input);
    return;
  } catch (...) {
    Require(false, "ToRequest throws nothing but std::invalid_argument", input);
  }
  Require(well_escaped, "ToRequest refuses a target with an incomplete '%' escape", input);

  Require(request.method == std::string_view(sent.method_string().data(), sent.method_string().size()),
          "the method is the one sent", input);
  Require(request.target == target, "the target is the one sent", input);
  kata::http::Request parsed;
  kata::http::ParseTarget(target, parsed);
  Require(request.raw_path == parsed.raw_path && request.path == parsed.path &&
              request.query == parsed.query,
          "raw_path, path and query are ParseTarget's", input);
  Require(request.body == sent.body(), "the body is the one sent", input);

  // The fields as sent, in order; those of one name, in any case, together.
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& field : sent) {
    fields.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  Require(request.headers.size() == fields.size(), "every field sent is a header, and no other",
          input);
  std::map<std::string, std::size_t, kata::http::CaseInsensitiveLess> seen;  // fields of a name so far
  for (const auto& [name, value] : fields) {
    const std::size_t index = seen[name]++;
    auto [first, last] = request.headers.equal_range(name);
    std::size_t k = 0;
    for (; first != last && k < index; ++first) ++k;
    Require(first != last, "every field of a name is kept", input);
    Require(first->first == name,
            "a header keeps its name as sent, and its place among those of the same name", input);
    Require(first->second == value, "a header keeps its value as sent", input);
    if (index == 0) {
      Require(request.Header(name) == value, "Header(name) is the first value sent", input);
      Require(request.Header(Uppercase(name)) == value, "Header() ignores the name's case", input);
    }
  }
  Require(request.Header("host").has_value() == (sent.count(bhttp::field::host) > 0),
          "a handler sees a Host exactly when Beast counted one", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view unread = input;
  while (!unread.empty()) {
    const std::optional<kata::web::BeastRequest> sent = ReadRequest(unread);
    if (!sent) break;
    CheckConverted(*sent, input);
  }
  return 0;
}
